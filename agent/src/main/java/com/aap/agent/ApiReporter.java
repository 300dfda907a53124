package com.aap.agent;

import com.aap.agent.api.ApiClient;
import com.aap.agent.portal.ProvisioningFlow;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports one job's progress to the API. The token hand-over is retried with backoff for a bounded
 * time, holding the token in memory only: a token CJ showed once must not be dropped on a blip.
 */
final class ApiReporter implements ProvisioningFlow.Reporter {

  private static final Logger log = LoggerFactory.getLogger(ApiReporter.class);
  static final Duration HAND_OVER_PATIENCE = Duration.ofMinutes(5);

  private final ApiClient api;
  private final String jobId;
  private String lastStep = "claimed";

  ApiReporter(ApiClient api, String jobId) {
    this.api = api;
    this.jobId = jobId;
  }

  String lastStep() {
    return lastStep;
  }

  @Override
  public void step(String name) throws JobFailure {
    lastStep = name;
    try {
      api.step(jobId, name);
    } catch (IOException e) {
      log.warn("job {}: could not report step {}: {}", jobId, name, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw JobFailure.transientFailure("agent_stopped", "the agent stopped during " + name);
    }
  }

  @Override
  public void handOver(String token) throws JobFailure {
    lastStep = "handing_over";
    Instant giveUp = Instant.now().plus(HAND_OVER_PATIENCE);
    long backoffMillis = 250;
    while (true) {
      try {
        api.handOver(jobId, token);
        return;
      } catch (ApiClient.ApiRejected e) {
        if (!e.isServerError()) {
          throw JobFailure.unexpected("hand_over_refused", "the API refused the captured token: " + e.getMessage());
        }
        log.warn("job {}: hand-over failed ({}); retrying", jobId, e.getMessage());
      } catch (IOException e) {
        log.warn("job {}: API unreachable at hand-over ({}); retrying", jobId, e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw JobFailure.unexpected("hand_over_interrupted", "the agent stopped while handing the token over");
      }
      if (Instant.now().isAfter(giveUp)) {
        throw JobFailure.unexpected("hand_over_failed",
            "the API could not take the captured token for " + HAND_OVER_PATIENCE.toMinutes() + " minutes");
      }
      Worker.pause(backoffMillis + (long) (Math.random() * backoffMillis));
      backoffMillis = Math.min(backoffMillis * 2, 10_000);
    }
  }

  /** Tells the API the job failed; if even that fails, the API's lease expiry will notice. */
  void fail(String code, JobFailure.Kind kind, String message) {
    try {
      api.fail(jobId, code, kind.name().toLowerCase(java.util.Locale.ROOT), message, lastStep);
    } catch (IOException e) {
      log.warn("job {}: could not report failure {}: {}", jobId, code, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
