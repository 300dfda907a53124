package com.aap.api.agentapi;

import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobIds;
import com.aap.api.jobs.JobStore;
import com.aap.protocol.Step;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What an agent reports about its job: the sign-in slot, progress steps, the registering checkpoint,
 * heartbeats, failures and portal check reports. Each is fenced: it changes the job only under the lease
 * the agent presents.
 */
public final class Reports {

  static final Pattern NAME = Pattern.compile("[a-z0-9_]{1,64}");
  private static final String PROGRESS_STEPS = Arrays.stream(Step.values()).filter(Step::isProgress)
      .map(Step::wire).collect(Collectors.joining(", "));

  private final Pool pool;
  private final JobStore store;
  private final Checkpoints checkpoints;
  private final Failures failures;
  private final CheckReports checkReports;
  private final WaitsForPerson waits;

  public Reports(Pool pool, JobStore store, int takeOverWaitSeconds) {
    this.pool = pool;
    this.store = store;
    this.checkpoints = new Checkpoints(pool, store);
    this.failures = new Failures(pool, store);
    this.checkReports = new CheckReports(pool, store);
    this.waits = new WaitsForPerson(pool, store, takeOverWaitSeconds);
  }

  /**
   * {@code POST /agent/v1/jobs/{id}/steps} {@code {name, lease}}: 200. A progress step; the two steps that
   * were protocol verbs before the verbs had paths of their own ({@code signing_in}: the sign-in slot,
   * {@code registering}: the checkpoint) still do what those paths do, for agents of the previous release.
   */
  public Future<Reply> step(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    String name = fields.text("name", NAME, "must be 1 to 64 lower-case letters, digits or '_'");
    Long lease = Lease.read(body, fields);
    Step step = Step.find(name);
    if (name != null && step == null || step != null && !step.isProgress() && step != Step.SIGNING_IN
        && step != Step.REGISTERING) {
      fields.problem("name", "must be a progress step: " + PROGRESS_STEPS);
    }
    fields.check();
    if (step == Step.SIGNING_IN) return store.takeSignInSlot(pool, jobId, lease).map(v -> Reply.ok(new JsonObject()));
    if (step == Step.REGISTERING) return checkpoints.record(jobId, lease);
    return store.progress(pool, jobId, lease, step).map(v -> Reply.ok(new JsonObject()));
  }

  /** {@code POST /agent/v1/jobs/{id}/sign-in-slot} {@code {lease}}: 204, or 409 {@code sign_in_busy}. */
  public Future<Reply> signInSlot(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    long lease = leaseOnly(rc);
    return store.takeSignInSlot(pool, jobId, lease).map(v -> Reply.noContent());
  }

  /** {@code POST /agent/v1/jobs/{id}/checkpoint} {@code {lease}}: 200 {@code {tokenName}}. */
  public Future<Reply> checkpoint(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    return checkpoints.record(jobId, leaseOnly(rc));
  }

  /** {@code POST /agent/v1/jobs/{id}/heartbeat} {@code {lease}}: renews the lease, 204. */
  public Future<Reply> heartbeat(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    return store.heartbeat(pool, jobId, leaseOnly(rc)).map(v -> Reply.noContent());
  }

  private static long leaseOnly(RoutingContext rc) {
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    Long lease = Lease.read(body, fields);
    fields.check();
    return lease;
  }

  /** {@code POST /agent/v1/jobs/{id}/failure}. */
  public Future<Reply> failure(RoutingContext rc) {
    return failures.report(rc);
  }

  /** {@code POST /agent/v1/jobs/{id}/wait-for-person}: the job waits for a person's take-over. */
  public Future<Reply> waitForPerson(RoutingContext rc) {
    return waits.waitForPerson(rc);
  }

  /** {@code POST /agent/v1/jobs/{id}/resume} {@code {lease}}: 204, the job runs again. */
  public Future<Reply> resume(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    return waits.resume(jobId, leaseOnly(rc));
  }

  /** {@code POST /agent/v1/jobs/{id}/check-report}: a portal check's report, which ends the check. */
  public Future<Reply> checkReport(RoutingContext rc) {
    return checkReports.report(rc);
  }
}
