package com.aap.agent;

import com.aap.agent.api.ApiClient;
import com.aap.protocol.ClaimedJob;
import java.io.IOException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a job's lease alive while the browser works: a heartbeat three times per lease. When the API
 * says the lease is gone (the job was reclaimed or cancelled) the job is marked lost, and the flow stops
 * at its next report, before it can click REGISTER.
 */
final class Heartbeat implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

  private final ApiClient api;
  private final ClaimedJob job;
  private final ScheduledFuture<?> beats;
  private volatile boolean lost;

  Heartbeat(ApiClient api, ClaimedJob job, ScheduledExecutorService scheduler) {
    this.api = api;
    this.job = job;
    long everyMillis = Math.max(500, job.leaseSeconds() * 1000L / 3);
    this.beats = scheduler.scheduleWithFixedDelay(this::beat, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
  }

  private void beat() {
    try {
      api.heartbeat(job.jobId(), job.lease());
    } catch (ApiClient.ApiRejected e) {
      if (e.isFencedOut()) {
        markLost();
      } else {
        log.warn("job {}: heartbeat refused: {}", job.jobId(), e.getMessage());
      }
    } catch (IOException e) {
      log.warn("job {}: heartbeat failed: {}", job.jobId(), e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void markLost() {
    if (!lost) log.warn("job {}: lease {} lost; stopping work on it", job.jobId(), job.lease());
    lost = true;
  }

  ClaimedJob job() {
    return job;
  }

  boolean lost() {
    return lost;
  }

  @Override
  public void close() {
    beats.cancel(false);
  }
}
