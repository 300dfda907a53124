package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobIds;
import com.aap.api.jobs.JobStore;
import com.aap.api.vault.Vault;
import com.aap.protocol.Refusal;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /agent/v1/jobs/{id}/one-time-code {lease}}: a one-time code for the job's CJ login, made here
 * from its encrypted TOTP secret, which never leaves the API. Fenced by the lease like a heartbeat (which it
 * also is), and audited ({@link CredentialReleases#ONE_TIME_CODE}) in the same transaction. A code with
 * less than {@link Totp#MIN_LIFE} to live is not handed out: the answer waits for the next one.
 */
final class OneTimeCodes {

  private final Vertx vertx;
  private final Pool pool;
  private final JobStore store;
  private final Vault vault;

  OneTimeCodes(Vertx vertx, Pool pool, JobStore store, Vault vault) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.vault = vault;
  }

  Future<Reply> issue(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    Long lease = Lease.read(body, fields);
    fields.check();
    AgentIdentity key = AgentIdentity.of(rc);
    return pool.withTransaction(conn -> store.heartbeat(conn, jobId, lease)
            .compose(v -> conn.preparedQuery(AgentSql.TOTP_SECRET).execute(Tuple.of(jobId)))
            .compose(rows -> {
              Row row = rows.iterator().next();
              UUID loginId = row.getUUID("login_id");
              Buffer sealed = row.getBuffer("totp_secret_enc");
              if (sealed == null) {
                return Future.failedFuture(ApiException.conflict(Refusal.NO_TOTP_SECRET.wire(),
                    "CJ login " + loginId + " has no TOTP secret: add it to the login, then retry the job"));
              }
              String secret = vault.decrypt(sealed.getBytes(), Vault.loginTotp(loginId));
              return CredentialReleases.record(conn, CredentialReleases.ONE_TIME_CODE, key, row.getString("claimed_by"),
                  loginId, row.getString("email"), jobId, row.getString("store_id")).map(secret);
            }))
        .compose(this::freshCode)
        .map(code -> Reply.ok(new JsonObject().put("code", code)));
  }

  private Future<String> freshCode(String secret) {
    Duration wait = Totp.waitForFreshCode(Instant.now());
    if (wait.isZero()) return Future.succeededFuture(Totp.code(secret, Instant.now()));
    Promise<String> code = Promise.promise();
    vertx.setTimer(wait.toMillis(), t -> code.complete(Totp.code(secret, Instant.now())));
    return code.future();
  }
}
