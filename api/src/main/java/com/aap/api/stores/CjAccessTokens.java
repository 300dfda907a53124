package com.aap.api.stores;

import com.aap.api.auth.Principal;
import com.aap.api.commissions.CjClient;
import com.aap.api.commissions.CommissionSync;
import com.aap.api.commissions.CjException;
import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.Signals;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * {@code PUT /api/stores/{id}/cj-access-token} {@code {token}}: a token the store owner registered in CJ
 * themselves, entered in Store Settings. CJ's Commission Detail API is asked first whether the token may
 * read the store's company; a refusal is 422 ({@code token_unauthenticated}, {@code token_not_allowed_for_company})
 * and changes nothing. An accepted token becomes the store's current one, encrypted like a captured one; the
 * token it replaces is listed for revocation; commission retrieval is queued at once. The answer and the
 * audit entry name the last four characters only.
 *
 * <p>Against a provisioning job of the same store the newer wins: a job created before the entry has its
 * token listed, not stored, when it brings one (see {@code VerificationSql.LOCK_STORE}).
 */
public final class CjAccessTokens {

  private static final Logger log = LoggerFactory.getLogger(CjAccessTokens.class);
  /** Printable ASCII without the space: CJ's tokens are alphanumeric (a JWT-like one adds '.', '-', '_'). */
  static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{20,4096}");
  /** The store's token name for a token entered by hand: the name it was registered under in CJ is not known. */
  static final String ENTERED_NAME = "entered by hand";
  /** Well inside the request's own deadline, so CJ answering late never stores a token after a 503. */
  private static final long VERIFY_SECONDS = 15;
  private static final long RETRY_AFTER_SECONDS = 30;

  private final Vertx vertx;
  private final Pool pool;
  private final Vault vault;
  private final CjClient cj;

  public CjAccessTokens(Vertx vertx, Pool pool, Vault vault, CjClient cj) {
    this.vertx = vertx;
    this.pool = pool;
    this.vault = vault;
    this.cj = cj;
  }

  public Future<Reply> enter(RoutingContext rc) {
    String storeId = rc.pathParam("id");
    Fields fields = new Fields(Bodies.object(rc));
    String token = fields.text("token", TOKEN,
        "must be 20 to 4096 letters, digits or punctuation, without spaces or control characters");
    fields.check();
    String actor = Principal.of(rc).actor();
    return pool.preparedQuery(StoreSql.COMPANY).execute(Tuple.of(storeId))
        .compose(rows -> {
          if (rows.size() == 0) throw ApiException.notFound("store " + storeId);
          return verify(token, rows.iterator().next().getString("cj_company_id"));
        })
        .compose(v -> {
          if (rc.response().ended() || rc.response().closed()) {
            return Future.failedFuture(new IllegalStateException("the request ended before CJ answered"));
          }
          return pool.withTransaction(conn -> store(conn, storeId, token, actor));
        })
        .map(replaced -> {
          log.info("store {}: a token entered by {} (****{}) is its current one; retrieval queued", storeId, actor,
              last4(token));
          vertx.eventBus().publish(Signals.RETRIEVAL_QUEUED, storeId);
          return Reply.ok(new JsonObject().put("storeId", storeId).put("cjAccessToken", "****" + last4(token))
              .put("verified", true).put("replaced", replaced).put("retrievalQueued", true));
        });
  }

  /** One question to CJ, answered within {@value #VERIFY_SECONDS} s; CJ's refusal becomes a 422 with its reason. */
  private Future<Void> verify(String token, String cid) {
    return cj.verify(token, cid).timeout(VERIFY_SECONDS, TimeUnit.SECONDS)
        .recover(e -> Future.failedFuture(refusal(e, token, cid)));
  }

  private static Throwable refusal(Throwable e, String token, String cid) {
    if (e instanceof TimeoutException
        || e instanceof CjException cje && cje.kind() == CjException.Kind.TRANSIENT) {
      return ApiException.retryAfter(503, "cj_unavailable",
          "CJ's Commission Detail API did not answer; nothing was stored, try again", RETRY_AFTER_SECONDS);
    }
    if (!(e instanceof CjException cje)) return e;
    String reason = cje.getMessage().replace(token, "****"); // CJ's words, never the token itself
    if (cje.kind() == CjException.Kind.OTHER) {
      return new ApiException(502, "cj_unexpected_answer",
          "CJ answered the verification query unexpectedly; nothing was stored (" + reason + ")");
    }
    if (cje.kind() == CjException.Kind.FORBIDDEN) {
      return new ApiException(422, "token_not_allowed_for_company", "CJ knows this token, but its user may not read "
          + "the commissions of company " + cid + "; nothing was stored (CJ: " + reason + ")");
    }
    return new ApiException(422, "token_unauthenticated", "CJ does not accept this token: unknown, revoked or "
        + "mistyped (a token registered moments ago may need a few minutes); nothing was stored (CJ: " + reason + ")");
  }

  /** The store's token becomes this one; the one it replaces is listed. The masked replaced token, or null. */
  private Future<String> store(SqlConnection conn, String storeId, String token, String actor) {
    return conn.preparedQuery(StoreSql.LOCK_TOKEN).execute(Tuple.of(storeId))
        .compose(rows -> {
          if (rows.size() == 0) throw ApiException.notFound("store " + storeId);
          return listReplaced(conn, storeId, rows.iterator().next(), token, actor);
        })
        .compose(replaced -> conn.preparedQuery(StoreSql.ENTER_TOKEN)
            .execute(Tuple.of(storeId, vault.encrypt(token, Vault.storeToken(storeId)), last4(token), ENTERED_NAME,
                actor))
            .compose(rows -> {
              if (rows.rowCount() != 1) throw new IllegalStateException("store " + storeId + " token not stored");
              return CommissionSync.startOver(conn, storeId);
            })
            .map(v -> replaced));
  }

  /**
   * The store's current token, unless it is this very one, goes on the revocation list, kept encrypted: under
   * the job that produced it, or (entered by hand) under no job, named with its last four characters.
   */
  private Future<String> listReplaced(SqlConnection conn, String storeId, Row current, String token, String actor) {
    if (current.getBuffer("token_enc") == null) return Future.succeededFuture(null);
    String old = vault.decrypt(current.getBuffer("token_enc").getBytes(), Vault.storeToken(storeId));
    if (old.equals(token)) return Future.succeededFuture(null);
    UUID job = current.getUUID("token_job_id");
    String name = job != null ? current.getString("token_name")
        : current.getString("token_name") + " (ending " + last4(old) + ")";
    Object listedUnder = job != null ? job : "store:" + storeId;
    byte[] kept = vault.encrypt(old, Vault.orphanedToken(listedUnder, name));
    log.info("store {}: its previous token (****{}) is listed for revocation", storeId, last4(old));
    return RevocationList.list(conn, storeId, job, name, "replaced by hand by " + actor, kept)
        .map("****" + last4(old));
  }

  private static String last4(String token) {
    return token.substring(token.length() - 4);
  }
}
