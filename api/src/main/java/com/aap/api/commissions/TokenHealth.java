package com.aap.api.commissions;

import com.aap.api.SyncSettings;
import com.aap.api.jobs.JobLog;
import com.aap.api.jobs.JobStore;
import com.aap.api.jobs.Jobs;
import com.aap.api.jobs.Signals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Each sync is the token's health check. One refusal is not a verdict (CJ may be having a moment): the token
 * is {@code refused} and asked again every span / (refusals - 1). Refused {@code TOKEN_REFUSALS_BEFORE_INVALID}
 * times over at least {@code TOKEN_REFUSAL_SPAN_MINUTES} with no success between, it is {@code invalid} when CJ
 * no longer knows it (revoked, deleted), or {@code no_company_access} when it works but may not see the store's
 * company (its user left the company): a new token would not help there, so nothing is re-provisioned. An
 * invalid token of an agency-authorized store whose policy allows it queues one re-provisioning job with
 * {@code replace} (the old token is listed for revocation when the new one is verified); at most one a day,
 * so a token CJ keeps refusing cannot start a loop. Invalid stores are not synced until a new token is verified.
 */
final class TokenHealth {

  private static final Logger log = LoggerFactory.getLogger(TokenHealth.class);
  static final Duration REPROVISION_COOLDOWN = Duration.ofHours(24);

  private final Vertx vertx;
  private final Pool pool;
  private final JobStore jobs;
  private final SyncSettings settings;

  TokenHealth(Vertx vertx, Pool pool, JobStore jobs, SyncSettings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.jobs = jobs;
    this.settings = settings;
  }

  Future<Void> refused(CommissionSync.Claimed c, CommissionSync.Totals totals, CjException refusal) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime first = c.firstRefusedAt() == null ? now : c.firstRefusedAt();
    int refusals = c.refusals() + 1;
    boolean settled = refusals >= settings.refusalsBeforeInvalid()
        && Duration.between(first, now).compareTo(settings.refusalSpan()) >= 0;
    boolean forbidden = refusal.kind() == CjException.Kind.FORBIDDEN;
    String health = !settled ? "refused" : forbidden ? "no_company_access" : "invalid";
    Instant next = settled ? Schedule.next(c.storeId(), c.scheduled(), now.toInstant(), settings.interval())
        : now.toInstant().plus(settings.recheckAfterRefusal());
    String message = "CJ refused the token (" + refusal.getMessage() + "), " + refusals + " time(s) since " + first.toInstant();
    log.warn("commission sync of store {}: {}; token health {}", c.storeId(), message, health);
    Tuple params = c.end("failed", totals, message, next)
        .addValue(forbidden ? "no_company_access" : "token_refused").addValue(refusals).addValue(first).addValue(health);
    boolean reprovision = "invalid".equals(health) && c.agencyAuthorized() && c.autoReprovision()
        && (c.reprovisionedAt() == null || Duration.between(c.reprovisionedAt(), now).compareTo(REPROVISION_COOLDOWN) > 0);
    return pool.withTransaction(conn -> conn.preparedQuery(SyncSql.LOCK_STORE_KEY).execute(Tuple.of(c.storeId()))
        .compose(locked -> conn.preparedQuery(SyncSql.REFUSED).execute(params)).compose(rows -> {
          if (rows.rowCount() == 0 || !reprovision) return c.recorded(rows).map((JobStore.Queued) null);
          return reprovision(conn, c);
        }))
        .map(job -> {
          if (job != null && job.created()) vertx.eventBus().publish(Signals.JOB_QUEUED, job.jobId().toString());
          return null;
        });
  }

  /** Queues (or finds) the store's provisioning job with {@code replace}, and remembers it on the store's sync. */
  private Future<JobStore.Queued> reprovision(SqlConnection conn, CommissionSync.Claimed c) {
    String tokenName = c.tokenName() == null ? Jobs.DEFAULT_TOKEN_NAME : c.tokenName();
    return jobs.queue(conn, List.of(JobStore.NewJob.provision(c.storeId(), tokenName, true))).compose(queued -> {
      if (queued.isEmpty()) return Future.succeededFuture(null);
      JobStore.Queued job = queued.get(0);
      JobLog.warn(log, job.jobId(),
          "store {}: its token is invalid; re-provisioning job {} queued (the old token will be "
          + "listed for revocation)", c.storeId(), job.jobId());
      return conn.preparedQuery(SyncSql.REPROVISIONING).execute(Tuple.of(c.storeId(), job.jobId())).map(job);
    });
  }
}
