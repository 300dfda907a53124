package com.aap.api.agentapi;

import com.aap.api.JobSettings;
import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What an agent reports about its job: steps ({@code registering} is the checkpoint), heartbeats,
 * failures and portal check reports. Each is fenced: it changes the job only under the lease the agent presents.
 */
public final class Reports {

  static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");

  private final Pool pool;
  private final JobSettings settings;
  private final Checkpoints checkpoints;
  private final Failures failures;
  private final CheckReports checkReports;

  public Reports(Pool pool, JobSettings settings) {
    this.pool = pool;
    this.settings = settings;
    this.checkpoints = new Checkpoints(pool, settings);
    this.failures = new Failures(pool, settings);
    this.checkReports = new CheckReports(pool);
  }

  /** {@code POST /agent/v1/jobs/{id}/steps} {@code {name, lease}}: 200 {@code {tokenName?}}. */
  public Future<Reply> step(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    String name = fields.text("name", NAME, "must be 1 to 64 lower-case letters, digits or '_'");
    Long epoch = Lease.read(body, fields);
    fields.check();
    if (name.equals(Checkpoints.STEP)) return checkpoints.record(jobId, epoch);
    return pool.preparedQuery(AgentSql.ADD_STEP).execute(Tuple.of(jobId, name, epoch, settings.leaseSeconds()))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiException.conflict("sign_in_busy", "another job is signing in with this CJ login; try again shortly")
            : e))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(Reply.ok(new JsonObject()))
            : Lease.refuse(pool, jobId, epoch));
  }

  /** {@code POST /agent/v1/jobs/{id}/heartbeat} {@code {lease}}: renews the lease, 204. */
  public Future<Reply> heartbeat(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    Long epoch = Lease.read(body, fields);
    fields.check();
    return pool.preparedQuery(AgentSql.HEARTBEAT).execute(Tuple.of(jobId, epoch, settings.leaseSeconds()))
        .compose(rows -> rows.rowCount() == 1 ? Future.succeededFuture(Reply.noContent())
            : Lease.refuse(pool, jobId, epoch));
  }

  /** {@code POST /agent/v1/jobs/{id}/failure}. */
  public Future<Reply> failure(RoutingContext rc) {
    return failures.report(rc);
  }

  /** {@code POST /agent/v1/jobs/{id}/check-report}: a portal check's report, which ends the check. */
  public Future<Reply> checkReport(RoutingContext rc) {
    return checkReports.report(rc);
  }
}
