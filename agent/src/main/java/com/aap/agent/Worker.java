package com.aap.agent;

import com.aap.agent.api.ApiClient;
import com.aap.agent.api.ClaimedJob;
import com.aap.agent.browser.Browsers;
import com.aap.agent.portal.MaskedScreenshot;
import com.aap.agent.portal.ProvisioningFlow;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that claims jobs and runs them one at a time, each in the signed-in session of its CJ login
 * (one browser context per login, see {@link LoginSessions}). It owns its Playwright instance and
 * Chromium: Playwright is not thread-safe, and several Playwright clients on one Chromium (over CDP)
 * each see, and auto-dismiss, the others' alerts. Chromium is started again, between jobs, when it
 * died or after {@value #JOBS_PER_BROWSER} jobs, so a browser that grows is replaced before it matters.
 */
final class Worker implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final int CLAIM_WAIT_SECONDS = 20;
  static final int JOBS_PER_BROWSER = 500;
  static final int SESSIONS_PER_WORKER = 2;

  private final Path chromium;
  private final ApiClient api;
  private final ProvisioningFlow flow;
  private final Patience patience;
  private final ScheduledExecutorService heartbeats;
  private final LoginSessions sessions = new LoginSessions(SESSIONS_PER_WORKER);
  private volatile boolean stopping;

  Worker(Path chromium, ApiClient api, ProvisioningFlow flow, Patience patience, ScheduledExecutorService heartbeats) {
    this.chromium = chromium;
    this.api = api;
    this.flow = flow;
    this.patience = patience;
    this.heartbeats = heartbeats;
  }

  void stop() {
    stopping = true;
  }

  @Override
  public void run() {
    try (Playwright playwright = Browsers.playwright(); sessions) {
      Browser browser = Browsers.launch(playwright, chromium);
      int jobs = 0;
      while (!stopping && !Thread.currentThread().isInterrupted()) {
        if (!browser.isConnected() || jobs >= JOBS_PER_BROWSER) {
          log.info(browser.isConnected() ? "restarting Chromium after {} jobs" : "Chromium went away; starting it again", jobs);
          sessions.clear();
          browser.close();
          browser = Browsers.launch(playwright, chromium);
          jobs = 0;
        }
        Optional<ClaimedJob> job = claim();
        if (job.isPresent()) {
          runJob(browser, job.get());
          jobs++;
        }
      }
    } catch (RuntimeException e) {
      if (stopping) {
        log.info("worker stopped");
      } else {
        log.error("worker stopped: {}", e.getMessage());
      }
    }
  }

  private Optional<ClaimedJob> claim() {
    try {
      return api.claim(CLAIM_WAIT_SECONDS, sessions.heldLogins());
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
    log.info("job {} (store {}, company {}): attempt {} under lease {}", job.jobId(), job.storeId(), job.cjCompanyId(),
        job.attempt(), job.lease());
    try (Heartbeat heartbeat = new Heartbeat(api, job, heartbeats)) {
      var reporter = new ApiReporter(api, job, heartbeat, patience);
      LoginSessions.Session session = sessions.forJob(browser, job, patience);
      BrowserContext context = session.context();
      patience.pauseAfter("claimed");
      try {
        flow.run(job, session.page(), reporter);
        log.info("job {}: token handed over", job.jobId());
      } catch (JobFailure failure) {
        String message = Secrets.redact(failure.getMessage(), job);
        log.warn("job {} failed at {}: {} ({})", job.jobId(), failure.step(), failure.code(), message);
        String screenshot = failure.kind() == JobFailure.Kind.UNEXPECTED ? MaskedScreenshot.of(context) : null;
        sessions.discard(job);
        reporter.fail(failure, message, screenshot);
      } catch (RuntimeException e) {
        String message = Secrets.redact(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), job);
        log.error("job {} broke at {}: {}", job.jobId(), reporter.lastStep(), message);
        String screenshot = MaskedScreenshot.of(context);
        sessions.discard(job);
        reporter.fail(JobFailure.unexpected("agent_error", "the agent failed: " + message), "the agent failed: " + message,
            screenshot);
      }
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
