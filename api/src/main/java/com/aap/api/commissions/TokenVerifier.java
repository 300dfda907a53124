package com.aap.api.commissions;

import com.aap.api.http.ApiException;
import com.aap.api.jobs.JobStore;
import com.aap.api.jobs.Signals;
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

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies handed-over tokens with CJ, then writes the token into the store's settings, marks the job
 * succeeded and queues commission retrieval, all in one transaction. Runs when a token is captured,
 * at start-up and every {@value #SWEEP_MS} ms for tokens left unverified (for example by a CJ outage).
 */
public final class TokenVerifier extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(TokenVerifier.class);
  static final long SWEEP_MS = 5_000;
  private static final int TRIES = 4;

  private final Pool pool;
  private final JobStore store;
  private final Vault vault;
  private final String cjUrl;
  private final Set<UUID> inFlight = new HashSet<>();
  private CjClient cj;

  public TokenVerifier(Pool pool, JobStore store, Vault vault, String cjUrl) {
    this.pool = pool;
    this.store = store;
    this.vault = vault;
    this.cjUrl = cjUrl;
  }

  @Override
  public Future<?> start() {
    cj = new CjClient(vertx, cjUrl);
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
        .onFailure(e -> log.error("job {} token verification failed: {}", jobId, e.toString()))
        .onComplete(v -> inFlight.remove(jobId));
  }

  private Future<Void> verify(UUID jobId, Row row) {
    String token = vault.decrypt(row.getBuffer("token_enc").getBytes(), Vault.capturedToken(jobId));
    Captured captured = new Captured(jobId, row.getString("store_id"), row.getString("cj_company_id"),
        row.getString("token_name"), token);
    return CjRetries.call(vertx, TRIES, () -> cj.verify(captured.token, captured.cid)).transform(result -> {
      if (result.succeeded()) {
        return pool.withTransaction(conn -> succeed(conn, captured)).onSuccess(v -> succeeded(captured));
      }
      if (!(result.cause() instanceof CjException cje)) return Future.failedFuture(result.cause());
      return switch (cje.kind()) {
        case REJECTED -> fail(jobId, ErrorCode.TOKEN_REJECTED_BY_CJ,
            "CJ rejected the token for company " + captured.cid + " (" + cje.getMessage() + ")");
        case OTHER -> fail(jobId, ErrorCode.TOKEN_VERIFICATION_FAILED,
            "CJ's answer to the verification query was unexpected: " + cje.getMessage());
        case TRANSIENT -> {
          log.warn("job {} token verification postponed: {}", jobId, cje.getMessage());
          yield Future.succeededFuture();
        }
      };
    });
  }

  private Future<Void> succeed(SqlConnection conn, Captured c) {
    byte[] storeCiphertext = vault.encrypt(c.token, Vault.storeToken(c.storeId));
    String last4 = c.token.substring(c.token.length() - 4);
    return store.succeed(conn, c.jobId)
        .compose(v -> conn.preparedQuery(VerificationSql.STORE_TOKEN)
            .execute(Tuple.of(c.storeId, storeCiphertext, last4, c.tokenName)))
        .compose(rows -> expectOne(rows, "store " + c.storeId + " is gone"))
        .compose(v -> conn.preparedQuery(VerificationSql.TOKEN_VERIFIED).execute(Tuple.of(c.jobId)))
        .compose(rows -> expectOne(rows, "job " + c.jobId + " token already verified"))
        .compose(v -> conn.preparedQuery(VerificationSql.NOT_ORPHANED).execute(Tuple.of(c.storeId, c.tokenName)))
        .compose(v -> conn.preparedQuery(VerificationSql.QUEUE_RETRIEVAL).execute(Tuple.of(c.storeId, c.jobId)))
        .compose(v -> store.logStep(conn, c.jobId, Step.RETRIEVAL_QUEUED));
  }

  private void succeeded(Captured c) {
    log.info("job {} succeeded: token verified and stored for store {}; retrieval queued", c.jobId, c.storeId);
    vertx.eventBus().publish(Signals.RETRIEVAL_QUEUED, c.storeId);
  }

  /** The token gets CJ's verdict, so the sweep stops trying it; the job ends, unless it already has. */
  private Future<Void> fail(UUID jobId, ErrorCode code, String message) {
    return pool.withTransaction(conn -> conn.preparedQuery(VerificationSql.VERDICT).execute(Tuple.of(jobId, code.wire()))
        .compose(v -> store.failVerification(conn, jobId, code, message)
            .onSuccess(ended -> log.info("job {} ended: {}", jobId, code))
            .recover(refused -> refused instanceof ApiException ? Future.succeededFuture() : Future.failedFuture(refused))));
  }

  private static Future<Void> expectOne(RowSet<Row> rows, String problem) {
    return rows.rowCount() == 1 ? Future.succeededFuture() : Future.failedFuture(new IllegalStateException(problem));
  }

  private record Captured(UUID jobId, String storeId, String cid, String tokenName, String token) {
    @Override
    public String toString() {
      return "Captured[job=" + jobId + ", store=" + storeId + "]";
    }
  }
}
