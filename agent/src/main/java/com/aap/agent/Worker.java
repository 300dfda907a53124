package com.aap.agent;

import com.aap.agent.api.ApiClient;
import com.aap.agent.api.ClaimedJob;
import com.aap.agent.portal.ProvisioningFlow;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that claims jobs and runs them one at a time, each in a fresh browser context of the
 * agent's shared Chromium. It owns its Playwright instance, since Playwright is not thread-safe.
 */
final class Worker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final int CLAIM_WAIT_SECONDS = 20;

  private final String cdpUrl;
  private final ApiClient api;
  private final ProvisioningFlow flow;
  private volatile boolean stopping;

  Worker(String cdpUrl, ApiClient api, ProvisioningFlow flow) {
    this.cdpUrl = cdpUrl;
    this.api = api;
    this.flow = flow;
  }

  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    var options = new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    try (Playwright playwright = Playwright.create(options)) {
      Browser browser = playwright.chromium().connectOverCDP(cdpUrl);
      while (!stopping && !Thread.currentThread().isInterrupted()) {
        claim().ifPresent(job -> runJob(browser, job));
      }
    } catch (RuntimeException e) {
      log.error("worker stopped: {}", e.getMessage());
    }
  }

  private Optional<ClaimedJob> claim() {
    try {
      return api.claim(CLAIM_WAIT_SECONDS);
    } catch (IOException e) {
      log.warn("could not claim a job: {}; trying again shortly", e.getMessage());
      pause(2_000);
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private void runJob(Browser browser, ClaimedJob job) {
    log.info("job {} (store {}, company {}): attempt {}", job.jobId(), job.storeId(), job.cjCompanyId(), job.attempt());
    var reporter = new ApiReporter(api, job.jobId());
    try (BrowserContext context = browser.newContext()) {
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(30_000);
      flow.run(job, context, reporter);
      log.info("job {}: token handed over", job.jobId());
    } catch (JobFailure failure) {
      String message = Secrets.redact(failure.getMessage(), job);
      log.warn("job {} failed at {}: {} ({})", job.jobId(), reporter.lastStep(), failure.code(), message);
      reporter.fail(failure.code(), failure.kind(), message);
    } catch (RuntimeException e) {
      String message = Secrets.redact(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), job);
      log.error("job {} broke at {}: {}", job.jobId(), reporter.lastStep(), message);
      reporter.fail("agent_error", JobFailure.Kind.UNEXPECTED, "the agent failed: " + message);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
