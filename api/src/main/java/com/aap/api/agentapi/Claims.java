package com.aap.api.agentapi;

import com.aap.api.JobSettings;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.Signals;
import com.aap.api.jobs.Steps;
import com.aap.api.vault.Vault;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /agent/v1/jobs/claim}: a long-poll. Tries to claim at once, then again whenever a job is
 * queued in this process and every {@value #RECHECK_MS} ms (jobs queued by other instances), until
 * {@code waitSeconds} (at most 30) have passed.
 */
public final class Claims {

  private static final Logger log = LoggerFactory.getLogger(Claims.class);
  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  static final long RECHECK_MS = 500;
  static final int MAX_WAIT_SECONDS = 30;
  static final int MAX_HELD_LOGINS = 100;

  private final Vertx vertx;
  private final Pool pool;
  private final Vault vault;
  private final JobSettings settings;
  private final Set<Promise<Void>> waiting = new HashSet<>();

  /** Call from the verticle that serves the route, so the signal arrives on its event loop. */
  public Claims(Vertx vertx, Pool pool, Vault vault, JobSettings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.vault = vault;
    this.settings = settings;
    vertx.eventBus().localConsumer(Signals.JOB_QUEUED, message -> wakeAll());
  }

  public Future<Reply> claim(RoutingContext rc) {
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    String agentId = fields.text("agentId", AGENT_ID, "must be 1 to 128 letters, digits or '.', '_', ':', '@', '-'");
    Object wait = body.getValue("waitSeconds");
    if (wait != null && !(wait instanceof Number n && n.doubleValue() >= 0)) {
      fields.problem("waitSeconds", "must be a number of seconds, 0 or more");
    }
    UUID[] heldLogins = heldLogins(body, fields);
    fields.check();
    double seconds = wait == null ? 0 : ((Number) wait).doubleValue();
    long waitMs = (long) (Math.min(MAX_WAIT_SECONDS, seconds) * 1000);
    return poll(rc, agentId, heldLogins, System.currentTimeMillis() + waitMs);
  }

  /** The CJ logins the claimant holds a signed-in session for: their jobs come to it first. */
  private static UUID[] heldLogins(JsonObject body, Fields fields) {
    Object held = body.getValue("heldLogins");
    if (held == null) return new UUID[0];
    if (!(held instanceof JsonArray list) || list.size() > MAX_HELD_LOGINS) {
      fields.problem("heldLogins", "must be a list of at most " + MAX_HELD_LOGINS + " CJ login ids");
      return new UUID[0];
    }
    try {
      return list.stream().map(id -> UUID.fromString(String.valueOf(id))).toArray(UUID[]::new);
    } catch (IllegalArgumentException e) {
      fields.problem("heldLogins", "must hold CJ login ids (UUIDs)");
      return new UUID[0];
    }
  }

  private Future<Reply> poll(RoutingContext rc, String agentId, UUID[] heldLogins, long deadline) {
    if (rc.response().closed()) return Future.succeededFuture(Reply.noContent());
    return pool.withTransaction(conn -> claimOne(conn, agentId, heldLogins)).recover(this::lostLoginRace)
        .compose(job -> {
          if (job != null) return deliver(rc, job, agentId);
          long remaining = deadline - System.currentTimeMillis();
          if (remaining <= 0) return Future.succeededFuture(Reply.noContent());
          return sleep(Math.min(RECHECK_MS, remaining)).compose(v -> poll(rc, agentId, heldLogins, deadline));
        });
  }

  /** Another claimant took the job's CJ login between our pick and our hold: the claim rolled back. */
  private Future<JsonObject> lostLoginRace(Throwable failure) {
    return failure instanceof LoginTaken ? Future.succeededFuture(null) : Future.failedFuture(failure);
  }

  private static final class LoginTaken extends RuntimeException {
    LoginTaken() {
      super("the CJ login was taken by another claimant", null, false, false);
    }
  }

  private Future<Reply> deliver(RoutingContext rc, JsonObject job, String agentId) {
    String jobId = job.getString("jobId");
    if (rc.response().closed()) {
      log.info("job {} released: agent {} went away before the claim was answered", jobId, agentId);
      return pool.preparedQuery(AgentSql.RELEASE).execute(Tuple.of(UUID.fromString(jobId), job.getLong("lease")))
          .map(rows -> Reply.noContent());
    }
    log.info("job {} claimed by agent {} (attempt {})", jobId, agentId, job.getInteger("attempt"));
    return Future.succeededFuture(Reply.ok(job));
  }

  private Future<JsonObject> claimOne(SqlConnection conn, String agentId, UUID[] heldLogins) {
    return conn.preparedQuery(AgentSql.CLAIM).execute(Tuple.of(agentId, settings.leaseSeconds(), heldLogins))
        .compose(claimed -> {
          if (claimed.size() == 0) return Future.succeededFuture(null);
          Row job = claimed.iterator().next();
          UUID jobId = job.getUUID("id");
          String storeId = job.getString("store_id");
          return conn.preparedQuery(AgentSql.HOLD_LOGIN).execute(Tuple.of(storeId, agentId, settings.leaseSeconds()))
              .compose(held -> held.size() == 0 ? Future.<Void>failedFuture(new LoginTaken()) : Future.<Void>succeededFuture())
              .compose(v -> conn.preparedQuery(AgentSql.SIGN_IN_DETAILS).execute(Tuple.of(storeId)))
              .compose(details -> Steps.add(conn, jobId, "claimed").map(v -> toJson(job, details.iterator().next())));
        });
  }

  /** Decrypts inside the transaction: if a secret cannot be decrypted the claim rolls back. */
  private JsonObject toJson(Row job, Row details) {
    UUID loginId = details.getUUID("login_id");
    byte[] totp = details.getBuffer("totp_secret_enc") == null ? null : details.getBuffer("totp_secret_enc").getBytes();
    JsonObject login = new JsonObject()
        .put("id", loginId.toString())
        .put("email", details.getString("email"))
        .put("password", vault.decrypt(details.getBuffer("password_enc").getBytes(), Vault.loginPassword(loginId)))
        .put("totpSecret", totp == null ? null : vault.decrypt(totp, Vault.loginTotp(loginId)));
    return new JsonObject()
        .put("jobId", job.getUUID("id").toString())
        .put("storeId", job.getString("store_id"))
        .put("cjCompanyId", details.getString("cj_company_id"))
        .put("tokenName", job.getString("token_name"))
        .put("attempt", job.getInteger("attempts"))
        .put("lease", job.getLong("lease_epoch"))
        .put("leaseSeconds", settings.leaseSeconds())
        .put("login", login);
  }

  private Future<Void> sleep(long ms) {
    Promise<Void> promise = Promise.promise();
    long timer = vertx.setTimer(ms, t -> promise.tryComplete());
    waiting.add(promise);
    return promise.future().onComplete(v -> {
      waiting.remove(promise);
      vertx.cancelTimer(timer);
    });
  }

  private void wakeAll() {
    for (Promise<Void> promise : Set.copyOf(waiting)) {
      promise.tryComplete();
    }
  }
}
