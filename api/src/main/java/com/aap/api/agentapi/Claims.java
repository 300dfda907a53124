package com.aap.api.agentapi;

import com.aap.api.JobSettings;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobLog;
import com.aap.api.jobs.JobStore;
import com.aap.api.jobs.Signals;
import com.aap.api.vault.Vault;
import com.aap.protocol.AgentProtocol;
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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /agent/v1/jobs/claim}: a long-poll. Tries to claim at once, then again whenever a job is
 * queued on any API instance ({@link Signals#JOB_QUEUED}) and every {@value #RECHECK_MS} ms (a lost signal), until
 * {@code waitSeconds} (at most 30) have passed. With {@code max}, it answers up to that many jobs of one
 * CJ login as {@code {jobs: [...]}}; without, one job as before.
 *
 * <p>A claim hands out the CJ login's password (each release an audit entry, written in the claim's
 * transaction) and whether it has a TOTP secret, never the secret: {@link #oneTimeCode} gives codes.
 */
public final class Claims {

  private static final Logger log = LoggerFactory.getLogger(Claims.class);
  private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
  static final long RECHECK_MS = 500;
  static final int MAX_WAIT_SECONDS = AgentProtocol.MAX_WAIT_SECONDS;
  static final int MAX_HELD_LOGINS = 100;
  static final int MAX_JOBS_PER_CLAIM = AgentProtocol.MAX_JOBS_PER_CLAIM;

  private final Vertx vertx;
  private final Pool pool;
  private final JobStore store;
  private final Vault vault;
  private final JobSettings settings;
  private final Set<Promise<Void>> waiting = new HashSet<>();
  private final OneTimeCodes oneTimeCodes;

  /** Call from the verticle that serves the route, so the signal arrives on its event loop. */
  public Claims(Vertx vertx, Pool pool, JobStore store, Vault vault, JobSettings settings) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.vault = vault;
    this.settings = settings;
    this.oneTimeCodes = new OneTimeCodes(vertx, pool, store, vault);
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
    String holder = body.getValue("holder") == null ? agentId
        : fields.text("holder", AGENT_ID, "must be 1 to 128 letters, digits or '.', '_', ':', '@', '-'");
    Object max = body.getValue("max");
    if (max != null && !(max instanceof Integer n && n >= 1 && n <= MAX_JOBS_PER_CLAIM)) {
      fields.problem("max", "must be a whole number from 1 to " + MAX_JOBS_PER_CLAIM);
    }
    fields.check();
    double seconds = wait == null ? 0 : ((Number) wait).doubleValue();
    long waitMs = (long) (Math.min(MAX_WAIT_SECONDS, seconds) * 1000);
    Request request = new Request(agentId, holder, heldLogins, max == null ? 1 : (Integer) max, max != null,
        AgentIdentity.of(rc));
    return poll(rc, request, System.currentTimeMillis() + waitMs);
  }

  /** {@code POST /agent/v1/jobs/{id}/one-time-code {lease}}: 200 {@code {code}}; see {@link OneTimeCodes}. */
  public Future<Reply> oneTimeCode(RoutingContext rc) {
    return oneTimeCodes.issue(rc);
  }

  /**
   * Who claims; who holds the CJ logins it gets ({@code holder}: its agent, whose workers share them;
   * the claimant itself when not given); the logins it has sessions for; how many jobs it takes
   * ({@code asList}: answer {@code {jobs}}); the key it presented.
   */
  private record Request(String agentId, String holder, UUID[] heldLogins, int max, boolean asList, AgentIdentity key) {
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

  private Future<Reply> poll(RoutingContext rc, Request request, long deadline) {
    if (rc.response().closed()) return Future.succeededFuture(Reply.noContent());
    return pool.withTransaction(conn -> claimSome(conn, request)).recover(this::lostLoginRace)
        .compose(jobs -> {
          if (!jobs.isEmpty()) return deliver(rc, jobs, request);
          long remaining = deadline - System.currentTimeMillis();
          if (remaining <= 0) return Future.succeededFuture(Reply.noContent());
          return sleep(Math.min(RECHECK_MS, remaining)).compose(v -> poll(rc, request, deadline));
        });
  }

  /** Another claimant took the job's CJ login between our pick and our hold: the claim rolled back. */
  private Future<List<JsonObject>> lostLoginRace(Throwable failure) {
    return failure instanceof LoginTaken ? Future.succeededFuture(List.of()) : Future.failedFuture(failure);
  }

  private static final class LoginTaken extends RuntimeException {
    LoginTaken() {
      super("the CJ login was taken by another claimant", null, false, false);
    }
  }

  private Future<Reply> deliver(RoutingContext rc, List<JsonObject> jobs, Request request) {
    if (rc.response().closed()) {
      log.info("{} job(s) released: agent {} went away before the claim was answered", jobs.size(), request.agentId());
      return Future.all(jobs.stream().map(job -> store.release(pool, UUID.fromString(job.getString("jobId")),
              job.getLong("lease"))).toList())
          .map(released -> Reply.noContent());
    }
    jobs.forEach(job -> JobLog.info(log, job.getString("jobId"),
        "job {} claimed by agent {} with {} (attempt {})", job.getString("jobId"),
        request.agentId(), request.key().actor(), job.getInteger("attempt")));
    return Future.succeededFuture(Reply.ok(request.asList() ? new JsonObject().put("jobs", new JsonArray(jobs))
        : jobs.get(0)));
  }

  /** Claims up to {@code request.max()} jobs of one CJ login and takes or renews the hold on that login. */
  private Future<List<JsonObject>> claimSome(SqlConnection conn, Request request) {
    return store.claim(conn, new JobStore.ClaimRequest(request.agentId(), request.holder(), request.heldLogins(),
            request.max()))
        .compose(jobs -> {
          if (jobs.isEmpty()) return Future.succeededFuture(List.of());
          return conn.preparedQuery(AgentSql.HOLD_LOGIN)
              .execute(Tuple.of(jobs.get(0).getString("store_id"), request.holder(), settings.leaseSeconds()))
              .compose(held -> held.size() == 0 ? Future.<Void>failedFuture(new LoginTaken()) : Future.<Void>succeededFuture())
              .compose(v -> describeAll(conn, request, jobs, 0, new ArrayList<>()));
        });
  }

  /**
   * One after another on the claim's connection: each job's sign-in details, and the audit entry of its
   * password's release (in the claim's transaction: no password leaves without one).
   */
  private Future<List<JsonObject>> describeAll(SqlConnection conn, Request request, List<Row> jobs, int next,
                                               List<JsonObject> out) {
    if (next == jobs.size()) return Future.succeededFuture(out);
    Row job = jobs.get(next);
    return conn.preparedQuery(AgentSql.SIGN_IN_DETAILS).execute(Tuple.of(job.getString("store_id")))
        .map(rows -> rows.iterator().next())
        .compose(details -> CredentialReleases.record(conn, CredentialReleases.PASSWORD, request.key(), request.agentId(),
                details.getUUID("login_id"), details.getString("email"), job.getUUID("id"), job.getString("store_id"))
            .map(v -> toJson(job, details)))
        .compose(json -> {
          out.add(json);
          return describeAll(conn, request, jobs, next + 1, out);
        });
  }

  /** Decrypts inside the transaction: if the password cannot be decrypted the claim rolls back. */
  private JsonObject toJson(Row job, Row details) {
    UUID loginId = details.getUUID("login_id");
    JsonObject login = new JsonObject()
        .put("id", loginId.toString())
        .put("email", details.getString("email"))
        .put("password", vault.decrypt(details.getBuffer("password_enc").getBytes(), Vault.loginPassword(loginId)))
        .put("hasTotp", details.getBoolean("has_totp"));
    return new JsonObject()
        .put("jobId", job.getUUID("id").toString())
        .put("storeId", job.getString("store_id"))
        .put("cjCompanyId", details.getString("cj_company_id"))
        .put("tokenName", job.getString("token_name"))
        .put("kind", job.getString("kind"))
        .put("register", job.getBoolean("register"))
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
