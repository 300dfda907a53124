package com.aap.api.agentapi;

import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobIds;
import com.aap.api.jobs.JobLog;
import com.aap.api.jobs.JobStore;
import com.aap.api.jobs.Signals;
import com.aap.api.metrics.ApiMetrics;
import com.aap.api.stores.RevocationList;
import com.aap.api.vault.Vault;
import com.aap.protocol.JobState;
import com.aap.protocol.Step;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /agent/v1/jobs/{id}/token} {@code {token, name?}}: answers only once the token is encrypted
 * in PostgreSQL. Not fenced by the lease: a token CJ issued is saved whoever brings it, whatever the
 * job's state. The first token for a job is the job's; a repeat is acknowledged without storing anything,
 * and a second, different one is kept encrypted as a possibly orphaned token on the store, as is a token
 * for a cancelled job or a portal check without register.
 */
public final class TokenHandover {

  private static final Logger log = LoggerFactory.getLogger(TokenHandover.class);
  private static final Pattern TOKEN = Pattern.compile("\\S{20,4096}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

  private final Vertx vertx;
  private final Pool pool;
  private final JobStore store;
  private final Vault vault;
  private final ApiMetrics metrics;

  public TokenHandover(Vertx vertx, Pool pool, JobStore store, Vault vault, ApiMetrics metrics) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
    this.vault = vault;
    this.metrics = metrics;
  }

  public Future<Reply> handOver(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    Fields fields = new Fields(Bodies.object(rc));
    String token = fields.text("token", TOKEN, "must be 20 to 4096 characters without whitespace");
    String name = fields.optionalText("name", NAME, "must be the token name: 1 to 100 letters, digits, '_', '.' or '-'");
    fields.check();
    return pool.withTransaction(conn -> store(conn, jobId, token, name)).map(stored -> {
      if (stored) vertx.eventBus().publish(Signals.TOKEN_CAPTURED, jobId.toString());
      return Reply.ok(new JsonObject().put("stored", true));
    });
  }

  /** True when this call stored the token, false when the job already had one. */
  private Future<Boolean> store(SqlConnection conn, UUID jobId, String token, String givenName) {
    return store.lock(conn, jobId).compose(job -> {
      String name = givenName != null ? givenName
          : job.registeringName() != null ? job.registeringName() : job.tokenName();
      if (job.looksOnly()) {
        metrics.handover("look_only");
        return keepForRevocation(conn, job, token, name, "a portal check without register handed a token over");
      }
      if (job.state() == JobState.CANCELLED) {
        metrics.handover("after_cancel");
        return keepForRevocation(conn, job, token, name, "a token was handed over after the job was cancelled");
      }
      return conn.preparedQuery(AgentSql.CAPTURED).execute(Tuple.of(jobId)).compose(captured -> {
        if (captured.size() > 0) {
          return keepSurplus(conn, jobId, job.storeId(), captured.iterator().next(), token, name).map(false);
        }
        if (job.state() != JobState.RUNNING) {
          JobLog.warn(log, jobId, "job {} is {}, and its token is saved all the same", jobId, job.state());
        }
        byte[] ciphertext = vault.encrypt(token, Vault.capturedToken(jobId));
        return conn.preparedQuery(AgentSql.CAPTURE).execute(Tuple.of(jobId, job.storeId(), ciphertext, name))
            .compose(rows -> {
              if (rows.rowCount() != 1) throw new IllegalStateException("job " + jobId + " token row not inserted");
              return store.logStep(conn, jobId, Step.TOKEN_STORED);
            })
            .map(v -> {
              JobLog.info(log, jobId, "job {} token stored (encrypted)", jobId);
              metrics.handover("stored");
              return true;
            });
      });
    });
  }

  /**
   * A token that must not become the store's, yet CJ issued it (a portal check without register, a job a
   * specialist cancelled): it is kept (encrypted) and listed for revocation.
   */
  private Future<Boolean> keepForRevocation(SqlConnection conn, JobStore.LockedJob job, String token, String name,
                                            String reason) {
    JobLog.warn(log, job.id(), "job {}: {}; listed as possibly orphaned", job.id(), reason);
    byte[] ciphertext = vault.encrypt(token, Vault.orphanedToken(job.id(), name));
    return RevocationList.list(conn, job.storeId(), job.id(), name, reason, ciphertext).map(false);
  }

  /** A second, different token for the job: CJ issued it, so it is kept (encrypted) and listed for revocation. */
  private Future<Void> keepSurplus(SqlConnection conn, UUID jobId, String storeId, Row captured, String token,
                                   String name) {
    String first = vault.decrypt(captured.getBuffer("token_enc").getBytes(), Vault.capturedToken(jobId));
    if (first.equals(token)) {
      metrics.handover("repeated");
      return Future.succeededFuture();
    }
    metrics.handover("surplus");
    String listedAs = name.equals(captured.getString("name")) ? name + " (second token)" : name;
    JobLog.warn(log, jobId,
        "job {} received a second, different token; the first is kept, the second listed as possibly orphaned",
        jobId);
    byte[] ciphertext = vault.encrypt(token, Vault.orphanedToken(jobId, listedAs));
    return RevocationList.list(conn, storeId, jobId, listedAs,
        "a second token was handed over after the job had its token", ciphertext);
  }
}
