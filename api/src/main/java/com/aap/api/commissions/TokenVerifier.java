package com.aap.api.commissions;

import com.aap.api.JobSettings;
import com.aap.api.http.ApiException;
import com.aap.api.jobs.JobLog;
import com.aap.api.jobs.JobStore;
import com.aap.api.jobs.Signals;
import com.aap.api.metrics.ApiMetrics;
import com.aap.api.stores.RevocationList;
import com.aap.api.vault.Vault;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.Step;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies handed-over tokens with CJ, then makes the token the store's current one, marks the job
 * succeeded and makes the store's commission sync due at once ({@link CommissionSync}), all in one transaction. Runs when a token is captured,
 * at start-up and every {@value #SWEEP_MS} ms for tokens due another look (for example after a CJ outage).
 *
 * <p>Custody: a token is never dropped. The store's previous token, when this one replaces it, is listed
 * for revocation; a token whose job is older than the one that produced the store's current token is
 * listed instead of replacing it. CJ refusing a token as unauthenticated is asked again, with backoff, for
 * {@code TOKEN_REFUSAL_PATIENCE_SECONDS} (a new token may take a while to work); CJ not answering, until
 * {@code TOKEN_VERIFICATION_DEADLINE_SECONDS} after the capture. Giving up lists the token for revocation
 * and ends the job, which a specialist can then retry.
 */
public final class TokenVerifier extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);
  static final long SWEEP_MS = 5_000;
  private static final int TRIES = 4;
  private static final int BACKOFF_BASE_MILLIS = 1000;
  private static final Duration MAX_RECHECK = Duration.ofSeconds(30);

  private final Pool pool;
  private final JobStore store;
  private final Vault vault;
  private final String cjUrl;
  private final JobSettings settings;
  private final ApiMetrics metrics;
  private final Set<UUID> inFlight = new HashSet<>();
  private CjClient cj;

  public TokenVerifier(Pool pool, JobStore store, Vault vault, String cjUrl, JobSettings settings,
                       ApiMetrics metrics) {
    this.pool = pool;
    this.store = store;
    this.vault = vault;
    this.cjUrl = cjUrl;
    this.settings = settings;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    cj = new CjClient(vertx, cjUrl, metrics);
    vertx.eventBus().<String>localConsumer(Signals.TOKEN_CAPTURED, m -> verify(UUID.fromString(m.body())));
    vertx.setPeriodic(SWEEP_MS, id -> sweep());
    sweep();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    cj.close();
    return Future.succeededFuture();
  }

  private void sweep() {
    pool.query(VerificationSql.UNVERIFIED).execute()
        .onSuccess(rows -> rows.forEach(row -> verify(row.getUUID("job_id"))))
        .onFailure(e -> log.warn("cannot look for unverified tokens: {}", e.toString()));
  }

  private void verify(UUID jobId) {
    if (!inFlight.add(jobId)) return;
    pool.preparedQuery(VerificationSql.LOAD).execute(Tuple.of(jobId))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture() : verify(jobId, rows.iterator().next()))
        .onFailure(e -> JobLog.error(log, jobId, "job {} token verification failed: {}", jobId, e.toString()))
        .onComplete(v -> inFlight.remove(jobId));
  }

  private Future<Void> verify(UUID jobId, Row row) {
    String token = vault.decrypt(row.getBuffer("token_enc").getBytes(), Vault.capturedToken(jobId));
    Captured captured = new Captured(jobId, row.getString("store_id"), row.getString("cj_company_id"),
        row.getString("token_name"), token, row.getOffsetDateTime("captured_at"),
        row.getOffsetDateTime("first_refused_at"));
    return CjRetries.call(vertx, TRIES, BACKOFF_BASE_MILLIS, () -> cj.verify(captured.token, captured.cid)).transform(result -> {
      if (result.succeeded()) {
        return pool.withTransaction(conn -> succeed(conn, captured));
      }
      if (!(result.cause() instanceof CjException cje)) return Future.failedFuture(result.cause());
      return switch (cje.kind()) {
        case REJECTED, FORBIDDEN -> refused(captured, cje);
        case OTHER -> giveUp(captured, ErrorCode.TOKEN_VERIFICATION_FAILED,
            "CJ's answer to the verification query was unexpected: " + cje.getMessage());
        case TRANSIENT -> unanswered(captured, cje);
      };
    });
  }

  /** CJ refused the token as unauthenticated: asked again with backoff until the patience is used up. */
  private Future<Void> refused(Captured c, CjException cje) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    OffsetDateTime first = c.firstRefusedAt == null ? now : c.firstRefusedAt;
    Duration refusedFor = Duration.between(first, now);
    if (refusedFor.toSeconds() >= settings.refusalPatienceSeconds()) {
      return giveUp(c, ErrorCode.TOKEN_REJECTED_BY_CJ, "CJ refused the token for company " + c.cid + " for "
          + refusedFor.toSeconds() + " s (" + cje.getMessage() + ")");
    }
    Duration wait = clamp(refusedFor.dividedBy(4), Duration.ofMillis(SWEEP_MS), MAX_RECHECK);
    JobLog.warn(log, c.jobId,
        "job {}: CJ refused its token ({}) for {} s; asking again in {} s", c.jobId, cje.getMessage(),
        refusedFor.toSeconds(), wait.toSeconds());
    metrics.verification("refused");
    return pool.preparedQuery(VerificationSql.REFUSED)
        .execute(Tuple.of(c.jobId, first, now.plus(wait))).mapEmpty();
  }

  /** CJ did not answer: the sweep asks again, until the deadline after the capture. */
  private Future<Void> unanswered(Captured c, CjException cje) {
    Duration since = Duration.between(c.capturedAt, OffsetDateTime.now(ZoneOffset.UTC));
    if (since.toSeconds() >= settings.verificationDeadlineSeconds()) {
      return giveUp(c, ErrorCode.TOKEN_VERIFICATION_TIMED_OUT, "CJ did not answer the verification query for "
          + since.toSeconds() + " s (" + cje.getMessage() + ")");
    }
    JobLog.warn(log, c.jobId, "job {} token verification postponed: {}", c.jobId, cje.getMessage());
    metrics.verification("postponed");
    return Future.succeededFuture();
  }

  private static Duration clamp(Duration value, Duration min, Duration max) {
    return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
  }

  /**
   * Makes the token the store's, unless a newer token (a newer job's, or one entered by hand) already is:
   * then this one is listed for revocation and the job ends {@code token_superseded}. A verified token it
   * replaces is listed.
   */
  private Future<Void> succeed(SqlConnection conn, Captured c) {
    return conn.preparedQuery(VerificationSql.LOCK_STORE).execute(Tuple.of(c.storeId, c.jobId)).compose(rows -> {
      if (rows.size() == 0) throw new IllegalStateException("store " + c.storeId + " is gone");
      Row current = rows.iterator().next();
      if (Boolean.TRUE.equals(current.getBoolean("newer_token"))) {
        return listAndEnd(conn, c, ErrorCode.TOKEN_SUPERSEDED,
            "a newer token (a newer job's, or one entered by hand) is the store's; this token is listed for "
                + "revocation");
      }
      return listReplaced(conn, c, current).compose(v -> store(conn, c)).onSuccess(v -> succeeded(c));
    });
  }

  /** The store's verified token from another job, about to be replaced: kept, encrypted, for a person to revoke. */
  private Future<Void> listReplaced(SqlConnection conn, Captured c, Row current) {
    if (current.getBuffer("token_enc") == null || c.jobId.equals(current.getUUID("token_job_id"))) {
      return Future.succeededFuture();
    }
    String old = vault.decrypt(current.getBuffer("token_enc").getBytes(), Vault.storeToken(c.storeId));
    UUID oldJob = current.getUUID("token_job_id");
    UUID listedJob = oldJob != null ? oldJob : c.jobId;
    String name = current.getString("token_name") + (oldJob != null ? "" : " (replaced)");
    JobLog.info(log, c.jobId,
        "job {}: the store's previous token (****{}) is listed for revocation", c.jobId, last4(old));
    return RevocationList.list(conn, c.storeId, listedJob, name, "replaced by job " + c.jobId,
        vault.encrypt(old, Vault.orphanedToken(listedJob, name)));
  }

  private Future<Void> store(SqlConnection conn, Captured c) {
    byte[] storeCiphertext = vault.encrypt(c.token, Vault.storeToken(c.storeId));
    return store.succeed(conn, c.jobId)
        .compose(v -> conn.preparedQuery(VerificationSql.STORE_TOKEN)
            .execute(Tuple.of(c.storeId, storeCiphertext, last4(c.token), c.tokenName, c.jobId)))
        .compose(rows -> expectOne(rows, "store " + c.storeId + " is gone"))
        .compose(v -> conn.preparedQuery(VerificationSql.TOKEN_VERIFIED).execute(Tuple.of(c.jobId)))
        .compose(rows -> expectOne(rows, "job " + c.jobId + " token already verified"))
        .compose(v -> conn.preparedQuery(VerificationSql.NOT_ORPHANED).execute(Tuple.of(c.jobId, c.tokenName)))
        .compose(v -> CommissionSync.startOver(conn, c.storeId))
        .compose(v -> store.logStep(conn, c.jobId, Step.RETRIEVAL_QUEUED));
  }

  private void succeeded(Captured c) {
    JobLog.info(log, c.jobId,
        "job {} succeeded: token verified and stored for store {}; retrieval queued", c.jobId, c.storeId);
    metrics.verification("verified");
    vertx.eventBus().publish(Signals.RETRIEVAL_QUEUED, c.storeId);
  }

  private Future<Void> giveUp(Captured c, ErrorCode code, String message) {
    return pool.withTransaction(conn -> listAndEnd(conn, c, code, message));
  }

  /**
   * The token is kept, encrypted, on the store's list for revocation and taken off the job, which ends
   * with {@code code} (unless it already ended otherwise): a specialist can retry it, and the new attempt's
   * token becomes the job's.
   */
  private Future<Void> listAndEnd(SqlConnection conn, Captured c, ErrorCode code, String message) {
    JobLog.warn(log, c.jobId, "job {}: {}; its token (****{}) is listed for revocation", c.jobId, code, last4(c.token));
    metrics.verification(code.wire());
    return RevocationList.list(conn, c.storeId, c.jobId, c.tokenName, message,
            vault.encrypt(c.token, Vault.orphanedToken(c.jobId, c.tokenName)))
        .compose(v -> conn.preparedQuery(VerificationSql.FORGET_CAPTURED).execute(Tuple.of(c.jobId)))
        .compose(v -> store.failVerification(conn, c.jobId, code, message)
            .recover(refused -> refused instanceof ApiException ? Future.succeededFuture() : Future.failedFuture(refused)));
  }

  private static String last4(String token) {
    return token.substring(token.length() - 4);
  }

  private static Future<Void> expectOne(RowSet<Row> rows, String problem) {
    return rows.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(new IllegalStateException(problem));
  }

  private record Captured(UUID jobId, String storeId, String cid, String tokenName, String token,
                          OffsetDateTime capturedAt, OffsetDateTime firstRefusedAt) {
    @Override
    public String toString() {
      return "Captured[job=" + jobId + ", store=" + storeId + "]";
    }
  }
}
