package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobIds;
import com.aap.api.jobs.JobLog;
import com.aap.api.jobs.JobStore;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.JobState;
import com.aap.protocol.Step;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /agent/v1/jobs/{id}/check-report}: a portal check's report, fenced by the lease. It is kept
 * (screenshots apart) and ends the check: {@code succeeded} when ok, else {@code failed} with the report's
 * code ({@code portal_check_failed} by default). A check that registered and handed its token over is ended
 * by verification, as provisioning is; its report is kept even when verification came first.
 */
final class CheckReports {

  private static final Logger log = LoggerFactory.getLogger(CheckReports.class);

  private final Pool pool;
  private final JobStore store;

  CheckReports(Pool pool, JobStore store) {
    this.pool = pool;
    this.store = store;
  }

  Future<Reply> report(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    CheckReportInput report = CheckReportInput.read(body, fields);
    fields.check();
    return pool.withTransaction(conn -> record(conn, jobId, report))
        .map(state -> Reply.ok(new JsonObject().put("state", state.wire())));
  }

  private Future<JobState> record(SqlConnection conn, UUID jobId, CheckReportInput report) {
    return store.lock(conn, jobId).compose(job -> {
      if (!job.isPortalCheck()) {
        throw ApiException.conflict("not_a_portal_check", "job " + jobId + " is not a portal check");
      }
      return conn.preparedQuery(AgentSql.CAPTURED).execute(Tuple.of(jobId)).compose(captured -> {
        boolean hasToken = captured.size() > 0;
        JobState state = job.state();
        if (job.lease() != report.epoch() || !(state == JobState.RUNNING || hasToken)) {
          throw JobStore.leaseLost(jobId, state, job.lease(), report.epoch());
        }
        return keep(conn, jobId, report)
            .compose(v -> hasToken ? Future.succeededFuture(state) : end(conn, job, report))
            .onSuccess(ended -> JobLog.info(log, jobId, "job {} portal check reported ({}): {}", jobId,
                report.ok() ? "ok" : "not ok", ended));
      });
    });
  }

  private Future<Void> keep(SqlConnection conn, UUID jobId, CheckReportInput report) {
    List<Tuple> shots = new ArrayList<>();
    for (int i = 0; i < report.screenshots().size(); i++) {
      byte[] png = report.screenshots().get(i);
      if (png != null) shots.add(Tuple.of(jobId, i + 1, png));
    }
    Future<?> saved = conn.preparedQuery(AgentSql.SAVE_CHECK_REPORT).execute(Tuple.of(jobId, report.ok(), report.stored()))
        .compose(v -> conn.preparedQuery(AgentSql.DROP_CHECK_SCREENSHOTS).execute(Tuple.of(jobId)));
    if (!shots.isEmpty()) {
      saved = saved.compose(v -> conn.preparedQuery(AgentSql.SAVE_CHECK_SCREENSHOT).executeBatch(shots));
    }
    return saved.compose(v -> store.logStep(conn, jobId, Step.CHECK_REPORTED));
  }

  /** A check without a token in ends here; one that was to register and brought no token has failed. */
  private Future<JobState> end(SqlConnection conn, JobStore.LockedJob job, CheckReportInput report) {
    if (report.ok() && !job.register()) {
      return store.succeedCheck(conn, job.id(), report.epoch()).map(JobState.SUCCEEDED);
    }
    ErrorCode code = report.ok() || report.failureCode() == null ? ErrorCode.PORTAL_CHECK_FAILED
        : ErrorCode.find(report.failureCode());
    String message = report.ok() ? "the check reported REGISTER done but handed no token over"
        : report.failureMessage() != null ? truncate(report.failureMessage()) : "the portal check found missing elements";
    return store.failCheck(conn, job, report.epoch(), code, message, Step.find(report.firstMissingStep()));
  }

  private static String truncate(String message) {
    return message.length() <= 1000 ? message : message.substring(0, 1000);
  }
}
