package com.aap.agent;

import com.aap.agent.api.ApiClient;
import com.aap.agent.portal.ProvisioningFlow;
import com.aap.protocol.AgentProtocol;
import com.aap.protocol.ClaimedJob;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.Refusal;
import com.aap.protocol.Step;
import com.microsoft.playwright.Page;
import dev.failsafe.RetryPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one job's progress to the API under its lease. Calls are retried for a short while (an API
 * restart), the token hand-over for {@code AGENT_HANDOVER_PATIENCE_SECONDS}, holding the token in memory
 * only: a token CJ showed once must not be dropped on a blip.
 *
 * <p>The sign-in slot and the registering checkpoint are asked for while the browser waits: the job
 * needs their answers. Progress steps are for people to see: they go out in the background, in order, on
 * the worker's own sender thread, and everything that follows (slot, checkpoint, hand-over, failure)
 * waits until they are through.
 */
final class ApiReporter implements ProvisioningFlow.Reporter {

  private static final Logger log = LoggerFactory.getLogger(ApiReporter.class);
  static final Duration STEP_PATIENCE = Duration.ofSeconds(20);
  private static final RetryPolicy<Object> STEPS = ApiCalls.patient(STEP_PATIENCE, Duration.ofSeconds(4));

  private final ApiClient api;
  private final ClaimedJob job;
  private final Heartbeat heartbeat;
  private final Patience patience;
  private final Executor sender;
  private CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);
  private volatile Step lastStep = Step.CLAIMED;

  ApiReporter(ApiClient api, ClaimedJob job, Heartbeat heartbeat, Patience patience, Executor sender) {
    this.api = api;
    this.job = job;
    this.heartbeat = heartbeat;
    this.patience = patience;
    this.sender = sender;
  }

  Step lastStep() {
    return lastStep;
  }

  /** Waits for the CJ login's sign-in slot while another job signs in with it, up to {@code AGENT_SIGN_IN_WAIT_SECONDS}. */
  @Override
  public void signingIn() throws JobFailure {
    awaitSent();
    Instant giveUp = Instant.now().plus(patience.signInWait());
    while (true) {
      try {
        send(Step.SIGNING_IN, () -> api.takeSignInSlot(job.jobId(), job.lease()));
        break;
      } catch (JobFailure failure) {
        if (failure.errorCode() != ErrorCode.CJ_LOGIN_BUSY) throw failure;
        if (Instant.now().isAfter(giveUp)) {
          throw JobFailure.of(ErrorCode.CJ_LOGIN_BUSY, "another job kept signing in with this CJ login for "
              + patience.signInWait().toSeconds() + " s");
        }
        Worker.pause(500 + (long) (Math.random() * 1000));
      }
    }
    patience.pauseAfter(Step.SIGNING_IN);
  }

  @Override
  public void step(Step step) {
    sending = sending.thenRunAsync(() -> reportInBackground(step), sender);
    patience.pauseAfter(step);
  }

  private void reportInBackground(Step step) {
    try {
      send(step, () -> api.step(job.jobId(), job.lease(), step));
    } catch (JobFailure e) {
      // fenced out: the heartbeat is marked lost and the job's next report stops it; else the next report retries
      log.warn("job {}: step {} not recorded: {}", job.jobId(), step, e.getMessage());
    }
  }

  /** Waits until the steps sent in the background are through, so the API sees everything in order. */
  private void awaitSent() {
    sending.join();
  }

  @Override
  public String registering(String proposedName) throws JobFailure {
    awaitSent();
    String[] name = {proposedName};
    send(Step.REGISTERING, () -> name[0] = api.checkpoint(job.jobId(), job.lease()));
    patience.pauseAfter(Step.REGISTERING);
    if (!name[0].equals(proposedName)) {
      log.warn("job {}: an earlier attempt reached REGISTER; this one registers as {}", job.jobId(), name[0]);
    }
    return name[0];
  }

  /** Asks the API for a one-time code while CJ's code box waits (the TOTP secret stays with the API). */
  @Override
  public String oneTimeCode() throws JobFailure {
    awaitSent();
    String[] code = {null};
    send(lastStep, () -> code[0] = api.oneTimeCode(job.jobId(), job.lease()));
    return code[0];
  }

  /** Makes a fenced call for {@code step}, retried for {@link #STEP_PATIENCE}. */
  private void send(Step step, ApiCalls.Call call) throws JobFailure {
    try {
      ApiCalls.run(STEPS, () -> {
        if (heartbeat.lost()) throw JobFailure.fencedOut(job.jobId());
        call.run();
      });
      lastStep = step;
    } catch (ApiClient.ApiRejected e) {
      if (e.isFencedOut()) {
        heartbeat.markLost();
        throw JobFailure.fencedOut(job.jobId());
      }
      if (e.refusal() == Refusal.SIGN_IN_BUSY) {
        throw JobFailure.of(ErrorCode.CJ_LOGIN_BUSY, "another job is signing in with this CJ login");
      }
      if (e.refusal() == Refusal.NO_TOTP_SECRET) {
        throw JobFailure.of(ErrorCode.CJ_SECOND_FACTOR_REQUIRED, "CJ asked for a one-time code, and the API has no "
            + "TOTP secret for this CJ login; add it, then retry");
      }
      if (!e.isRetryable()) throw JobFailure.of(ErrorCode.AGENT_ERROR, "the API refused step " + step + ": " + e.getMessage());
      throw JobFailure.of(ErrorCode.API_UNREACHABLE, "the API did not take step " + step + " for "
          + STEP_PATIENCE.toSeconds() + " s: " + e.getMessage());
    } catch (IOException e) {
      throw JobFailure.of(ErrorCode.API_UNREACHABLE, "the API did not take step " + step + " for "
          + STEP_PATIENCE.toSeconds() + " s: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JobFailure.of(ErrorCode.AGENT_STOPPED, "the agent stopped during " + step);
    }
  }

  /**
   * Asks the API to let a person pass the page ({@code waiting_for_person}), then keeps the page open for the
   * live view until it is passed (the job runs again) or the wait is over (the job ends as {@code reason} says,
   * with a masked screenshot, through the worker). When nobody may take over, {@code reason} at once.
   */
  @Override
  public void waitForPerson(JobFailure reason, Page page, Supplier<String> passed) throws JobFailure {
    awaitSent();
    String message = Secrets.redact(reason.getMessage(), job);
    var report = new AgentProtocol.FailureReport(reason.errorCode(), message, Step.SIGNING_IN, job.lease(), null);
    int[] waitSeconds = {-1};
    send(Step.SIGNING_IN, () -> {
      try {
        waitSeconds[0] = api.waitForPerson(job.jobId(), report);
      } catch (ApiClient.ApiRejected e) {
        if (e.refusal() != Refusal.TAKE_OVER_OFF) throw e;
      }
    });
    if (waitSeconds[0] < 0) {
      throw reason;
    }
    log.info("job {}: {} at sign-in; waiting up to {} s for a person to take over", job.jobId(), reason.code(),
        waitSeconds[0]);
    String how = new LiveTakeOver(api, job, page, heartbeat::lost).await(Duration.ofSeconds(waitSeconds[0]), passed);
    if (how == null) {
      throw JobFailure.of(reason.errorCode(), message + "; nobody took over within " + waitSeconds[0] + " s");
    }
    send(Step.SIGNING_IN, () -> api.resume(job.jobId(), job.lease()));
  }

  @Override
  public void handOver(String token, String name) throws JobFailure {
    awaitSent();
    patience.pauseAfter(Step.TOKEN_READ);
    lastStep = Step.HANDING_OVER;
    try {
      ApiCalls.run(ApiCalls.holdingAToken(patience.handOver()), () -> api.handOver(job.jobId(), token, name));
    } catch (ApiClient.ApiRejected e) {
      if (e.status() == 400) {
        throw JobFailure.of(ErrorCode.HAND_OVER_REFUSED, "the API refused the captured token (registered as " + name
            + "): " + e.getMessage() + "; revoke that token in CJ and retry");
      }
      throw handOverFailed(name);
    } catch (IOException e) {
      throw handOverFailed(name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JobFailure.of(ErrorCode.HAND_OVER_INTERRUPTED, "the agent stopped while handing the token over");
    }
    lastStep = Step.HANDED_OVER;
    patience.pauseAfter(Step.HANDED_OVER);
  }

  private JobFailure handOverFailed(String name) {
    return JobFailure.of(ErrorCode.HAND_OVER_FAILED, "the API could not take the captured token (registered as "
        + name + ") for " + patience.handOver().toSeconds() + " s; revoke that token in CJ and retry");
  }

  /**
   * Tells the API the job failed, with a masked screenshot if there is one; a few tries, then the API's
   * lease expiry will notice. A job this agent was fenced out of is not reported: it is no longer its own.
   */
  void fail(JobFailure failure, String message, String screenshot) {
    awaitSent();
    if (failure.isFencedOut() || heartbeat.lost()) return;
    // a page's text may hold a NUL, which the API refuses (400, final): the failure would be lost
    var report = new AgentProtocol.FailureReport(failure.errorCode(), message == null ? null : message.replace("\u0000", ""),
        failure.step() != null ? failure.step() : lastStep, job.lease(), screenshot);
    try {
      ApiCalls.run(ApiCalls.aFewTimes(), () -> api.fail(job.jobId(), report));
    } catch (IOException | JobFailure e) {
      log.warn("job {}: failure {} not recorded: {}", job.jobId(), failure.code(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
