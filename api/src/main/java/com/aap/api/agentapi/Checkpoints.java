package com.aap.api.agentapi;

import com.aap.api.JobSettings;
import com.aap.api.http.ApiException;
import com.aap.api.http.Reply;
import com.aap.api.jobs.Steps;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The {@code registering} checkpoint, recorded before the agent clicks REGISTER. The API chooses the
 * name: the job's own the first time; after an earlier attempt's checkpoint without a token, a distinct
 * one, and the earlier name is recorded on the store as possibly orphaned (CJ may have issued it).
 */
final class Checkpoints {

  static final String STEP = "registering";
  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

  private final Pool pool;
  private final JobSettings settings;

  Checkpoints(Pool pool, JobSettings settings) {
    this.pool = pool;
    this.settings = settings;
  }

  Future<Reply> record(UUID jobId, long epoch) {
    return pool.withTransaction(conn -> conn.preparedQuery(AgentSql.LOCK_JOB).execute(Tuple.of(jobId))
        .compose(rows -> {
          if (rows.size() == 0) return Lease.refuse(pool, jobId, epoch);
          Row job = rows.iterator().next();
          if (!"running".equals(job.getString("state")) || job.getLong("lease_epoch") != epoch) {
            throw Lease.lost(jobId, job.getString("state"), job.getLong("lease_epoch"), epoch);
          }
          if (PortalCheckJobs.looksOnly(job)) {
            throw ApiException.conflict("check_without_register",
                "job " + jobId + " is a portal check without register: it must stop before REGISTER");
          }
          return conn.preparedQuery(AgentSql.CAPTURED).execute(Tuple.of(jobId)).compose(captured -> {
            if (captured.size() > 0) {
              // another attempt's token arrived (hand-overs are not fenced): registering again would make a second
              throw ApiException.conflict("token_already_stored", "job " + jobId + " already has its token");
            }
            return name(conn, jobId, job, epoch);
          })
              .compose(name -> conn.preparedQuery(AgentSql.CHECKPOINT)
                  .execute(Tuple.of(jobId, name, epoch, settings.leaseSeconds()))
                  .compose(v -> Steps.add(conn, jobId, STEP))
                  .map(v -> Reply.ok(new JsonObject().put("tokenName", name))));
        }));
  }

  private Future<String> name(SqlConnection conn, UUID jobId, Row job, long epoch) {
    String earlier = job.getString("registering_name");
    Long earlierEpoch = job.getLong("registering_epoch");
    if (earlier == null) return Future.succeededFuture(job.getString("token_name"));
    if (earlierEpoch != null && earlierEpoch == epoch) return Future.succeededFuture(earlier); // a repeated report
    String distinct = job.getString("token_name") + "_r" + epoch;
    log.warn("job {}: an earlier attempt reached REGISTER without handing a token over; registering as {} "
        + "and listing {} as possibly orphaned", jobId, distinct, earlier);
    return conn.preparedQuery(AgentSql.ORPHAN)
        .execute(Tuple.of(job.getString("store_id"), jobId, earlier,
            "an earlier attempt reached REGISTER and handed no token over", null))
        .map(distinct);
  }
}
