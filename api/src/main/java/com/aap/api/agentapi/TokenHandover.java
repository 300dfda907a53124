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
 * {@code POST /agent/v1/jobs/{id}/token} {@code {token, name?}}: answers only once the token is encrypted
 * in PostgreSQL. Not fenced by the lease: a token CJ issued is saved whoever brings it, whatever the
 * job's state. The first token for a job is the job's; a repeat is acknowledged without storing anything,
 * and a second, different one is kept encrypted as a possibly orphaned token on the store.
 */
public final class TokenHandover {

  private static final Logger log = LoggerFactory.getLogger(TokenHandover.class);
  private static final Pattern TOKEN = Pattern.compile("\\S{20,4096}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

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
    String name = fields.optionalText("name", NAME, "must be the token name: 1 to 100 letters, digits, '_', '.' or '-'");
    fields.check();
    return pool.withTransaction(conn -> store(conn, jobId, token, name)).map(stored -> {
      if (stored) vertx.eventBus().publish(Signals.TOKEN_CAPTURED, jobId.toString());
      return Reply.ok(new JsonObject().put("stored", true));
    });
  }

  /** True when this call stored the token, false when the job already had one. */
  private Future<Boolean> store(SqlConnection conn, UUID jobId, String token, String givenName) {
    return conn.preparedQuery(AgentSql.LOCK_JOB).execute(Tuple.of(jobId)).compose(jobs -> {
      if (jobs.size() == 0) throw ApiException.notFound("job " + jobId);
      Row job = jobs.iterator().next();
      String name = givenName != null ? givenName
          : job.getString("registering_name") != null ? job.getString("registering_name") : job.getString("token_name");
      if (PortalCheckJobs.looksOnly(job)) return keepFromCheck(conn, jobId, job.getString("store_id"), token, name);
      return conn.preparedQuery(AgentSql.CAPTURED).execute(Tuple.of(jobId)).compose(captured -> {
        if (captured.size() > 0) {
          return keepSurplus(conn, jobId, job.getString("store_id"), captured.iterator().next(), token, name)
              .map(false);
        }
        if (!"running".equals(job.getString("state"))) {
          log.warn("job {} is {}, and its token is saved all the same", jobId, job.getString("state"));
        }
        byte[] ciphertext = vault.encrypt(token, Vault.capturedToken(jobId));
        return conn.preparedQuery(AgentSql.CAPTURE).execute(Tuple.of(jobId, job.getString("store_id"), ciphertext, name))
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

  /**
   * A portal check without register must not register, yet CJ issued this token: it is kept (encrypted)
   * and listed for revocation, never made the store's.
   */
  private Future<Boolean> keepFromCheck(SqlConnection conn, UUID jobId, String storeId, String token, String name) {
    log.warn("job {} is a portal check without register and handed a token over; listed as possibly orphaned", jobId);
    byte[] ciphertext = vault.encrypt(token, Vault.orphanedToken(jobId, name));
    return conn.preparedQuery(AgentSql.ORPHAN).execute(Tuple.of(storeId, jobId, name,
        "a portal check without register handed a token over", ciphertext)).map(false);
  }

  /** A second, different token for the job: CJ issued it, so it is kept (encrypted) and listed for revocation. */
  private Future<Void> keepSurplus(SqlConnection conn, UUID jobId, String storeId, Row captured, String token,
                                   String name) {
    String first = vault.decrypt(captured.getBuffer("token_enc").getBytes(), Vault.capturedToken(jobId));
    if (first.equals(token)) return Future.succeededFuture();
    String listedAs = name.equals(captured.getString("name")) ? name + " (second token)" : name;
    log.warn("job {} received a second, different token; the first is kept, the second listed as possibly orphaned",
        jobId);
    byte[] ciphertext = vault.encrypt(token, Vault.orphanedToken(jobId, listedAs));
    return conn.preparedQuery(AgentSql.ORPHAN).execute(Tuple.of(storeId, jobId, listedAs,
        "a second token was handed over after the job had its token", ciphertext)).mapEmpty();
  }
}
