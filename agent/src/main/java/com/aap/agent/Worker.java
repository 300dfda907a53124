package com.aap.agent;

import com.aap.agent.api.ApiClient;
import com.aap.agent.browser.BrowserChoice;
import com.aap.agent.browser.Browsers;
import com.aap.agent.portal.MaskedScreenshot;
import com.aap.agent.portal.PortalCheckReport;
import com.aap.agent.portal.ProvisioningFlow;
import com.aap.protocol.ClaimedJob;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.FailureKind;
import com.aap.protocol.Step;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that claims jobs, up to {@value #JOBS_PER_CLAIM} of one CJ login at a time, and runs them one
 * after another, each in the signed-in session of its CJ login (one browser context per login, see
 * {@link LoginSessions}). Every claimed job has its heartbeat from the claim on, so the jobs waiting
 * their turn keep their leases.
 *
 * <p>It owns its Playwright instance and Chromium: Playwright is not thread-safe, and several Playwright
 * clients on one Chromium (over CDP) each see, and auto-dismiss, the others' alerts. Chromium is started
 * again, between jobs, when it died or after {@value #JOBS_PER_BROWSER} jobs; on a Playwright server that is
 * a new connection, for which the server launches a new Chromium.
 */
final class Worker implements Runnable {

  private static final Set<Step> AFTER_CHECKPOINT = EnumSet.of(Step.REGISTERING, Step.TOKEN_READ, Step.HANDING_OVER,
      Step.HANDED_OVER);
  private static final Logger log = LoggerFactory.getLogger(Worker.class);
  private static final int CLAIM_WAIT_SECONDS = 20;
  static final int JOBS_PER_BROWSER = 500;
  static final int SESSIONS_PER_WORKER = 2;
  /** Enough to save most claims' round trips, few enough that a stopped worker strands little. */
  static final int JOBS_PER_CLAIM = 3;

  private final BrowserChoice browserChoice;
  private final ApiClient api;
  private final ProvisioningFlow flow;
  private final Patience patience;
  private final ScheduledExecutorService heartbeats;
  private final LoginSessions sessions = new LoginSessions(SESSIONS_PER_WORKER);
  /** Sends this worker's progress steps in the background, one at a time, in order. */
  private final ExecutorService sender;
  /** The sender, logging with the job's fields (see {@link JobLog}). */
  private final Executor steps;
  private volatile boolean stopping;
  private volatile boolean busy;
  private final LongAdder chromiumDied = new LongAdder();
  private final LongAdder chromiumRecycled = new LongAdder();
  private Browser browser;
  private int jobsInBrowser;

  Worker(BrowserChoice browserChoice, ApiClient api, ProvisioningFlow flow, Patience patience, ScheduledExecutorService heartbeats) {
    this.browserChoice = browserChoice;
    this.api = api;
    this.flow = flow;
    this.patience = patience;
    this.heartbeats = heartbeats;
    this.sender = Executors.newSingleThreadExecutor(r -> {
      Thread thread = new Thread(r, "agent-steps");
      thread.setDaemon(true);
      return thread;
    });
    this.steps = JobLog.carrying(sender);
  }

  void stop() {
    stopping = true;
  }

  /** For {@link AgentMetrics}: running a job now. */
  boolean busy() {
    return busy;
  }

  int sessionsHeld() {
    return sessions.size();
  }

  long chromiumDied() {
    return chromiumDied.sum();
  }

  long chromiumRecycled() {
    return chromiumRecycled.sum();
  }

  @Override
  public void run() {
    try (Playwright playwright = Browsers.playwright(); sessions) {
      browser = Browsers.open(playwright, browserChoice);
      while (!stopping && !Thread.currentThread().isInterrupted()) {
        List<Heartbeat> claimed = claim().stream().map(job -> new Heartbeat(api, job, heartbeats)).toList();
        try {
          for (Heartbeat heartbeat : claimed) {
            if (stopping) {
              break; // the jobs not started lapse with their leases and go to another agent
            }
            ensureBrowser(playwright);
            busy = true;
            try (JobLog about = JobLog.about(heartbeat.job())) {
              runJob(heartbeat);
            } finally {
              busy = false;
              heartbeat.close();
            }
            jobsInBrowser++;
          }
        } finally {
          claimed.forEach(Heartbeat::close);
        }
      }
    } catch (RuntimeException e) {
      if (stopping) {
        log.info("worker stopped");
      } else {
        log.error("worker stopped: {}", e.getMessage());
      }
    } finally {
      sender.shutdown();
    }
  }

  /** Starts Chromium again when it died, or after {@value #JOBS_PER_BROWSER} jobs. */
  private void ensureBrowser(Playwright playwright) {
    if (browser.isConnected() && jobsInBrowser < JOBS_PER_BROWSER) {
      return;
    }
    log.info(browser.isConnected() ? "restarting Chromium after {} jobs" : "Chromium went away; starting it again",
        jobsInBrowser);
    (browser.isConnected() ? chromiumRecycled : chromiumDied).increment();
    sessions.clear();
    browser.close();
    browser = Browsers.open(playwright, browserChoice);
    jobsInBrowser = 0;
  }

  private List<ClaimedJob> claim() {
    try {
      return api.claim(CLAIM_WAIT_SECONDS, sessions.heldLogins(), JOBS_PER_CLAIM);
    } catch (IOException e) {
      log.warn("could not claim a job: {}; trying again shortly", e.getMessage());
      pause(2_000);
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }

  /** Runs one job to its end; its heartbeat stops when it is done, whatever happened. */
  private void runJob(Heartbeat heartbeat) {
    ClaimedJob job = heartbeat.job();
    log.info("job {} (store {}, company {}): attempt {} under lease {}", job.jobId(), job.storeId(), job.cjCompanyId(),
        job.attempt(), job.lease());
    var reporter = new ApiReporter(api, job, heartbeat, patience, steps);
    LoginSessions.Session session = sessions.forJob(browser, job, patience);
    BrowserContext context = session.context();
    patience.pauseAfter(Step.CLAIMED);
    try {
      if (job.isPortalCheck()) {
        PortalCheckReport report = flow.check(job, session.pageForJob(), reporter, job.register());
        if (!report.ok()) {
          sessions.discard(job);
        }
        sendCheckReport(job, report);
      } else {
        flow.run(job, session.pageForJob(), reporter);
        log.info("job {}: token handed over", job.jobId());
      }
    } catch (JobFailure failure) {
      String message = Secrets.redact(failure.getMessage(), job);
      log.warn("job {} failed at {}: {} ({})", job.jobId(), failure.step(), failure.code(), message);
      Step at = failure.step() != null ? failure.step() : reporter.lastStep();
      String screenshot = failure.kind() == FailureKind.UNEXPECTED ? screenshot(context, job, at) : null;
      sessions.discard(job);
      reporter.fail(failure, message, screenshot);
    } catch (RuntimeException e) {
      String message = Secrets.redact(String.valueOf(e.getMessage()).lines().findFirst().orElse(""), job);
      log.error("job {} broke at {}: {}", job.jobId(), reporter.lastStep(), message);
      String screenshot = screenshot(context, job, reporter.lastStep());
      sessions.discard(job);
      reporter.fail(JobFailure.of(ErrorCode.AGENT_ERROR, "the agent failed: " + message), "the agent failed: " + message,
          screenshot);
    }
  }

  /**
   * The masked screenshot for a specialist; from the registering checkpoint on, a token may be anywhere on
   * the page, so it is taken only when the page's text is free of token-shaped runs and of the password.
   */
  private String screenshot(BrowserContext context, ClaimedJob job, Step at) {
    if (AFTER_CHECKPOINT.contains(at)) {
      return MaskedScreenshot.afterCheckpoint(context, flow.profile(), job.tokenName(), List.of(job.login().password()));
    }
    return MaskedScreenshot.of(context, flow.profile());
  }

  /**
   * Posts a portal check's report on the sender thread, so the steps sent in the background go first.
   * Failure messages are redacted as a failure report's are.
   */
  private void sendCheckReport(ClaimedJob job, PortalCheckReport report) {
    PortalCheckReport redacted = new PortalCheckReport(report.ok(), report.elements(), report.failureCode(),
        report.failureMessage() == null ? null : Secrets.redact(report.failureMessage(), job));
    try {
      CompletableFuture.runAsync(() -> postCheckReport(job, redacted), steps).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      log.warn("job {}: portal check report failed: {}", job.jobId(), e.getCause().toString());
    }
  }

  /**
   * A few tries, then the API's lease expiry notices. Sent even when the heartbeat was fenced out: a check
   * that handed its token over may already be ended by verification, and the API still takes its report
   * under the same lease (and refuses it otherwise).
   */
  private void postCheckReport(ClaimedJob job, PortalCheckReport report) {
    try {
      ApiCalls.run(ApiCalls.aFewTimes(),
          () -> log.info("job {}: portal check reported, {}", job.jobId(), api.checkReport(job.jobId(), job.lease(), report)));
    } catch (IOException | JobFailure e) {
      log.warn("job {}: portal check report not taken: {}", job.jobId(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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
