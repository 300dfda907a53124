package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobIds;
import com.aap.api.jobs.Signals;
import com.aap.api.jobs.Steps;
import com.aap.api.vault.Vault;
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
 * {@code POST /agent/v1/jobs/{id}/token}: answers only once the token is encrypted in PostgreSQL.
 * The first token for a job wins; a repeated hand-over is acknowledged without storing anything.
 */
public final class TokenHandover {

  private static final Logger log = LoggerFactory.getLogger(TokenHandover.class);
  private static final Pattern TOKEN = Pattern.compile("\\S{20,4096}");

  private final Vertx vertx;
  private final Pool pool;
  private final Vault vault;

  public TokenHandover(Vertx vertx, Pool pool, Vault vault) {
    this.vertx = vertx;
    this.pool = pool;
    this.vault = vault;
  }

  public Future<Reply> handOver(RoutingContext rc) {
    UUID jobId = JobIds.parse(rc.pathParam("id"));
    Fields fields = new Fields(Bodies.object(rc));
    String token = fields.text("token", TOKEN, "must be 20 to 4096 characters without whitespace");
    fields.check();
    return pool.withTransaction(conn -> store(conn, jobId, token)).map(stored -> {
      if (stored) vertx.eventBus().publish(Signals.TOKEN_CAPTURED, jobId.toString());
      return Reply.ok(new JsonObject().put("stored", true));
    });
  }

  /** True when this call stored the token, false when the job already had one. */
  private Future<Boolean> store(SqlConnection conn, UUID jobId, String token) {
    return conn.preparedQuery(AgentSql.LOCK_JOB).execute(Tuple.of(jobId)).compose(jobs -> {
      if (jobs.size() == 0) throw ApiException.notFound("job " + jobId);
      Row job = jobs.iterator().next();
      return conn.preparedQuery(AgentSql.CAPTURED).execute(Tuple.of(jobId)).compose(captured -> {
        if (captured.size() > 0) {
          warnIfDifferent(jobId, captured.iterator().next(), token);
          return Future.succeededFuture(false);
        }
        if (!"running".equals(job.getString("state"))) {
          throw ApiException.conflict("job_not_running", "job " + jobId + " is " + job.getString("state"));
        }
        byte[] ciphertext = vault.encrypt(token, Vault.capturedToken(jobId));
        return conn.preparedQuery(AgentSql.CAPTURE).execute(Tuple.of(jobId, job.getString("store_id"), ciphertext))
            .compose(rows -> {
              if (rows.rowCount() != 1) throw new IllegalStateException("job " + jobId + " token row not inserted");
              return Steps.add(conn, jobId, "token_stored");
            })
            .map(v -> {
              log.info("job {} token stored (encrypted)", jobId);
              return true;
            });
      });
    });
  }

  private void warnIfDifferent(UUID jobId, Row captured, String token) {
    String first = vault.decrypt(captured.getBuffer("token_enc").getBytes(), Vault.capturedToken(jobId));
    if (!first.equals(token)) {
      log.warn("job {} received a second, different token; the first one is kept", jobId);
    }
  }
}
