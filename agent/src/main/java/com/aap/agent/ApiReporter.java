package com.aap.agent;

import com.aap.agent.api.ApiClient;
import com.aap.agent.api.ClaimedJob;
import com.aap.agent.portal.ProvisioningFlow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one job's progress to the API under its lease. Steps are retried for a short while (an API
 * restart), the token hand-over for {@code AGENT_HANDOVER_PATIENCE_SECONDS}, holding the token in memory
 * only: a token CJ showed once must not be dropped on a blip.
 *
 * <p>Steps whose answer the job needs ({@code signing_in} takes the login's sign-in slot,
 * {@code registering} is the checkpoint) are reported while the browser waits. The others are progress
 * for people to see: they go out in the background, in order, on the worker's own sender thread, and
 * everything that follows (checkpoint, hand-over, failure) waits until they are through.
 */
final class ApiReporter implements ProvisioningFlow.Reporter {

  private static final Logger log = LoggerFactory.getLogger(ApiReporter.class);
  static final Duration STEP_PATIENCE = Duration.ofSeconds(20);
  /** Steps the job waits for: the sign-in slot's answer, and the checkpoint's token name. */
  private static final Set<String> ANSWER_NEEDED = Set.of("signing_in", "registering");

  private final ApiClient api;
  private final ClaimedJob job;
  private final Heartbeat heartbeat;
  private final Patience patience;
  private final Executor sender;
  private CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);
  private volatile String lastStep = "claimed";

  ApiReporter(ApiClient api, ClaimedJob job, Heartbeat heartbeat, Patience patience, Executor sender) {
    this.api = api;
    this.job = job;
    this.heartbeat = heartbeat;
    this.patience = patience;
    this.sender = sender;
  }

  String lastStep() {
    return lastStep;
  }

  @Override
  public void step(String name) throws JobFailure {
    if (ANSWER_NEEDED.contains(name)) {
      awaitSent();
      report(name);
    } else {
      sending = sending.thenRunAsync(() -> reportInBackground(name), sender);
    }
    patience.pauseAfter(name);
  }

  private void reportInBackground(String name) {
    try {
      report(name);
    } catch (JobFailure e) {
      // fenced out: the heartbeat is marked lost and the job's next report stops it; else the next report retries
      log.warn("job {}: step {} not recorded: {}", job.jobId(), name, e.getMessage());
    }
  }

  /** Waits until the steps sent in the background are through, so the API sees everything in order. */
  private void awaitSent() {
    sending.join();
  }

  @Override
  public String registering(String proposedName) throws JobFailure {
    awaitSent();
    String name = report("registering").path("tokenName").asText(proposedName);
    patience.pauseAfter("registering");
    if (!name.equals(proposedName)) {
      log.warn("job {}: an earlier attempt reached REGISTER; this one registers as {}", job.jobId(), name);
    }
    return name;
  }

  private com.fasterxml.jackson.databind.JsonNode report(String name) throws JobFailure {
    Instant giveUp = Instant.now().plus(STEP_PATIENCE);
    Instant signInGiveUp = Instant.now().plus(patience.signInWait());
    long backoffMillis = 250;
    while (true) {
      if (heartbeat.lost()) throw JobFailure.fencedOut(job.jobId());
      try {
        var answer = api.step(job.jobId(), job.lease(), name);
        lastStep = name;
        return answer;
      } catch (ApiClient.ApiRejected e) {
        if (e.isFencedOut()) {
          heartbeat.markLost();
          throw JobFailure.fencedOut(job.jobId());
        }
        if ("sign_in_busy".equals(e.code())) {
          if (Instant.now().isAfter(signInGiveUp)) {
            throw JobFailure.transientFailure("cj_login_busy", "another job kept signing in with this CJ login for "
                + patience.signInWait().toSeconds() + " s");
          }
          Worker.pause(500 + (long) (Math.random() * 1000));
          continue;
        }
        if (!e.isServerError()) throw JobFailure.unexpected("agent_error", "the API refused step " + name + ": " + e.getMessage());
        log.warn("job {}: step {} failed ({}); retrying", job.jobId(), name, e.getMessage());
      } catch (IOException e) {
        log.warn("job {}: API unreachable at step {} ({}); retrying", job.jobId(), name, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JobFailure.transientFailure("agent_stopped", "the agent stopped during " + name);
      }
      if (Instant.now().isAfter(giveUp)) {
        throw JobFailure.transientFailure("api_unreachable", "the API did not take step " + name + " for "
            + STEP_PATIENCE.toSeconds() + " s");
      }
      Worker.pause(backoffMillis + (long) (Math.random() * backoffMillis));
      backoffMillis = Math.min(backoffMillis * 2, 4_000);
    }
  }

  @Override
  public void handOver(String token, String name) throws JobFailure {
    awaitSent();
    patience.pauseAfter("token_read");
    lastStep = "handing_over";
    Instant giveUp = Instant.now().plus(patience.handOver());
    long backoffMillis = 250;
    while (true) {
      try {
        api.handOver(job.jobId(), token, name);
        lastStep = "handed_over";
        patience.pauseAfter("handed_over");
        return;
      } catch (ApiClient.ApiRejected e) {
        if (!e.isServerError()) {
          throw JobFailure.unexpected("hand_over_refused", "the API refused the captured token: " + e.getMessage());
        }
        log.warn("job {}: hand-over failed ({}); retrying", job.jobId(), e.getMessage());
      } catch (IOException e) {
        log.warn("job {}: API unreachable at hand-over ({}); retrying", job.jobId(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JobFailure.unexpected("hand_over_interrupted", "the agent stopped while handing the token over");
      }
      if (Instant.now().isAfter(giveUp)) {
        throw JobFailure.unexpected("hand_over_failed", "the API could not take the captured token (registered as "
            + name + ") for " + patience.handOver().toSeconds() + " s; revoke that token in CJ and retry");
      }
      Worker.pause(backoffMillis + (long) (Math.random() * backoffMillis));
      backoffMillis = Math.min(backoffMillis * 2, 10_000);
    }
  }

  /**
   * Tells the API the job failed, with a masked screenshot if there is one; a few tries, then the API's
   * lease expiry will notice. A job this agent was fenced out of is not reported: it is no longer its own.
   */
  void fail(JobFailure failure, String message, String screenshot) {
    awaitSent();
    if (failure.isFencedOut() || heartbeat.lost()) return;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        api.fail(job.jobId(), job.lease(), failure.code(), failure.kind().name().toLowerCase(Locale.ROOT), message,
            failure.step() != null ? failure.step() : lastStep, screenshot);
        return;
      } catch (ApiClient.ApiRejected e) {
        if (!e.isServerError()) {
          log.warn("job {}: failure {} not recorded: {}", job.jobId(), failure.code(), e.getMessage());
          return;
        }
      } catch (IOException e) {
        log.warn("job {}: could not report failure {}: {}", job.jobId(), failure.code(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      Worker.pause(1_000L * attempt);
    }
  }
}
