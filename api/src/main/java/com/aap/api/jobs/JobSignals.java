package com.aap.api.jobs;

import com.aap.api.db.Database;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries job signals between API instances: LISTENs on one dedicated PostgreSQL connection to what the
 * jobs table's trigger NOTIFYs (V13__job_signals.sql) and republishes it on this instance's event bus,
 * {@link Signals#JOB_CHANGED} always and {@link Signals#JOB_QUEUED} for a queued job.
 *
 * <p>When the connection drops it reconnects every {@value #RECONNECT_MS} ms, forever; what was notified
 * meanwhile is lost, so on every (re)subscription it wakes everyone once, and claims and batch streams
 * keep their periodic checks of PostgreSQL besides.
 */
public final class JobSignals extends VerticleBase {

  /** The channel the trigger notifies. */
  public static final String CHANNEL = "aap_jobs";
  static final long RECONNECT_MS = 1_000;

  private static final Logger log = LoggerFactory.getLogger(JobSignals.class);

  private final String databaseUrl;
  private PgSubscriber subscriber;

  public JobSignals(String databaseUrl) {
    this.databaseUrl = databaseUrl;
  }

  @Override
  public Future<?> start() {
    subscriber = PgSubscriber.subscriber(vertx, Database.connectOptions(databaseUrl))
        .reconnectPolicy(retries -> {
          if (retries == 0) log.warn("job signals: the LISTEN connection to PostgreSQL dropped; reconnecting");
          return RECONNECT_MS;
        });
    subscriber.channel(CHANNEL)
        .subscribeHandler(v -> {
          log.info("job signals: listening on {}", CHANNEL);
          publish(""); // whatever was notified while we were not listening
        })
        .handler(this::publish);
    return subscriber.connect();
  }

  @Override
  public Future<?> stop() {
    return subscriber.close();
  }

  /** {@code "<job id> <state>"} as the trigger sends it; "" wakes everything. */
  private void publish(String payload) {
    vertx.eventBus().publish(Signals.JOB_CHANGED, payload);
    if (payload.isEmpty() || payload.endsWith(" queued")) {
      vertx.eventBus().publish(Signals.JOB_QUEUED, payload.isEmpty() ? "" : payload.substring(0, payload.indexOf(' ')));
    }
  }
}
