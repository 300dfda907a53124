package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobLog;
import com.aap.api.jobs.JobStore;
import com.aap.api.stores.RevocationList;
import com.aap.protocol.Refusal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The registering checkpoint, recorded before the agent clicks REGISTER. The API chooses the
 * name: the job's own the first time; after an earlier attempt's checkpoint without a token, a distinct
 * one, and the earlier name is recorded on the store as possibly orphaned (CJ may have issued it).
 */
final class Checkpoints {

  private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

  private final Pool pool;
  private final JobStore store;

  Checkpoints(Pool pool, JobStore store) {
    this.pool = pool;
    this.store = store;
  }

  Future<Reply> record(UUID jobId, long lease) {
    return pool.withTransaction(conn -> store.lock(conn, jobId).compose(job -> {
      if (!job.isRunningUnder(lease)) throw JobStore.leaseLost(jobId, job.state(), job.lease(), lease);
      if (job.looksOnly()) {
        throw ApiException.conflict(Refusal.CHECK_WITHOUT_REGISTER.wire(),
            "job " + jobId + " is a portal check without register: it must stop before REGISTER");
      }
      return conn.preparedQuery(AgentSql.CAPTURED).execute(Tuple.of(jobId)).compose(captured -> {
        if (captured.size() > 0) {
          // another attempt's token arrived (hand-overs are not fenced): registering again would make a second
          throw ApiException.conflict(Refusal.TOKEN_ALREADY_STORED.wire(), "job " + jobId + " already has its token");
        }
        return name(conn, job, lease);
      })
          .compose(name -> store.checkpoint(conn, jobId, lease, name)
              .map(v -> Reply.ok(new JsonObject().put("tokenName", name))));
    }));
  }

  private Future<String> name(SqlConnection conn, JobStore.LockedJob job, long lease) {
    String earlier = job.registeringName();
    Long earlierLease = job.registeringLease();
    if (earlier == null) return Future.succeededFuture(job.tokenName());
    if (earlierLease != null && earlierLease == lease) return Future.succeededFuture(earlier); // a repeated report
    String distinct = job.tokenName() + "_r" + lease;
    JobLog.warn(log, job.id(),
        "job {}: an earlier attempt reached REGISTER without handing a token over; registering as {} "
        + "and listing {} as possibly orphaned", job.id(), distinct, earlier);
    return RevocationList.list(conn, job.storeId(), job.id(), earlier,
        "an earlier attempt reached REGISTER and handed no token over", null).map(distinct);
  }
}
