package com.aap.api.stores;

import com.aap.api.auth.Principal;
import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.regex.Pattern;

/** {@code POST /api/stores} and {@code GET /api/stores/{id}}. */
public final class Stores {

  private static final Logger log = LoggerFactory.getLogger(Stores.class);
  public static final Pattern STORE_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final Pool pool;
  private final int failuresReported;

  /** {@code failuresReported}: failed syncs in a row before a store's sync is shown failing. */
  public Stores(Pool pool, int failuresReported) {
    this.pool = pool;
    this.failuresReported = failuresReported;
  }

  public Future<Reply> create(RoutingContext rc) {
    NewStore store = validate(Bodies.object(rc));
    return store.checkLogin(pool)
        .compose(v -> pool.preparedQuery(StoreSql.INSERT).execute(Tuple.of(store.id, store.name, store.cjCompanyId,
            store.cjLoginId, store.signedOn, store.reference, store.autoReprovision)))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiException.conflict("store_exists", "a store with id " + store.id + " already exists") : e))
        .compose(rows -> {
          log.info("store {} created", store.id);
          return find(store.id);
        })
        .map(Reply::created);
  }

  public Future<Reply> get(RoutingContext rc) {
    return find(rc.pathParam("id")).map(Reply::ok);
  }

  /**
   * {@code PUT /api/stores/{id}/sync-policy {autoReprovision}}: whether a token CJ stops accepting is
   * re-provisioned by itself (agency-authorized stores only; default on). 200 the store.
   */
  public Future<Reply> setSyncPolicy(RoutingContext rc) {
    String id = rc.pathParam("id");
    Fields fields = new Fields(Bodies.object(rc));
    Boolean enabled = fields.requiredBoolean("autoReprovision");
    fields.check();
    return pool.preparedQuery(StoreSql.SET_AUTO_REPROVISION).execute(Tuple.of(id, enabled)).compose(rows -> {
      if (rows.rowCount() == 0) throw ApiException.notFound("store " + id);
      log.info("store {}: automatic re-provisioning {}", id, enabled ? "on" : "off");
      return find(id);
    }).map(Reply::ok);
  }

  private Future<JsonObject> find(String id) {
    return pool.preparedQuery(StoreSql.FIND).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("store " + id);
      return toJson(rows.iterator().next());
    });
  }

  private JsonObject toJson(Row row) {
    LocalDate signedOn = row.getLocalDate("agency_signed_on");
    String last4 = row.getString("token_last4");
    UUID jobId = row.getUUID("job_id");
    return new JsonObject()
        .put("id", row.getString("id"))
        .put("name", row.getString("name"))
        .put("cjCompanyId", row.getString("cj_company_id"))
        .put("cjLoginId", row.getUUID("cj_login_id").toString())
        .put("agencyAuthorization", signedOn == null ? null : new JsonObject()
            .put("signedOn", signedOn.toString()).put("reference", row.getString("agency_reference")))
        .put("settings", new JsonObject()
            .put("cjAccessToken", last4 == null ? null : "****" + last4)
            .put("tokenName", row.getString("token_name"))
            .put("tokenVerifiedAt", instant(row.getOffsetDateTime("token_verified_at")))
            .put("tokenJobId", row.getUUID("token_job_id") == null ? null : row.getUUID("token_job_id").toString())
            .put("tokenEnteredBy", row.getString("token_entered_by"))
            .put("tokenEnteredAt", instant(row.getOffsetDateTime("token_entered_at")))
            .put("possiblyOrphanedTokens", orphans(row)))
        .put("commissions", new JsonObject()
            .put("count", row.getLong("commission_count"))
            .put("lastRetrievedAt", instant(row.getOffsetDateTime("last_retrieved_at"))))
        .put("autoReprovision", row.getBoolean("auto_reprovision"))
        .put("sync", SyncView.toJson(row, failuresReported))
        .put("latestJob", jobId == null ? null
            : new JsonObject().put("id", jobId.toString()).put("state", row.getString("job_state")));
  }

  /**
   * {@code POST /api/stores/{id}/possibly-orphaned-tokens/{n}/revoked}: a person revoked that token in CJ;
   * it leaves the store's list. 200 {@code {id, revokedAt, revokedBy}}.
   */
  public Future<Reply> markRevoked(RoutingContext rc) {
    String storeId = rc.pathParam("id");
    long listed;
    try {
      listed = Long.parseLong(rc.pathParam("n"));
    } catch (NumberFormatException e) {
      throw ApiException.notFound("possibly orphaned token " + rc.pathParam("n") + " of store " + storeId);
    }
    return pool.preparedQuery(StoreSql.MARK_REVOKED).execute(Tuple.of(storeId, listed, Principal.of(rc).actor()))
        .map(rows -> {
          if (rows.size() == 0) throw ApiException.notFound("possibly orphaned token " + listed + " of store " + storeId);
          Row row = rows.iterator().next();
          return Reply.ok(new JsonObject().put("id", listed).put("revokedAt", instant(row.getOffsetDateTime("revoked_at")))
              .put("revokedBy", row.getString("revoked_by")));
        });
  }

  /**
   * Tokens CJ may hold for this store besides its current one, until a person marks them revoked: names
   * (and whether the token itself is kept, encrypted) for a person to revoke, never values.
   */
  private static JsonArray orphans(Row row) {
    Object value = row.getValue("orphans");
    return value instanceof JsonArray array ? array : new JsonArray(String.valueOf(value));
  }

  static String instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant().toString();
  }

  private static NewStore validate(JsonObject body) {
    Fields fields = new Fields(body);
    NewStore store = new NewStore();
    store.id = fields.text("id", STORE_ID, "must be 1 to 64 letters, digits, '.', '_' or '-'");
    store.name = fields.text("name", Pattern.compile(".{1,200}", Pattern.DOTALL), "must be at most 200 characters");
    store.cjCompanyId = fields.digits("cjCompanyId");
    store.cjLoginId = fields.uuid("cjLoginId");
    JsonObject agency = fields.optionalObject("agencyAuthorization");
    if (agency != null) {
      store.signedOn = fields.pastDate(agency, "signedOn", "agencyAuthorization.signedOn");
      store.reference = fields.text(agency, "reference", "agencyAuthorization.reference",
          Pattern.compile(".{1,200}", Pattern.DOTALL), "must be at most 200 characters", true);
    }
    Boolean auto = fields.optionalBoolean("autoReprovision");
    store.autoReprovision = auto == null || auto;
    store.fields = fields;
    return store;
  }

  private static final class NewStore {
    String id;
    String name;
    String cjCompanyId;
    UUID cjLoginId;
    LocalDate signedOn;
    String reference;
    boolean autoReprovision;
    Fields fields;

    /** Reports every bad field at once, including a login id that names no login. */
    Future<Void> checkLogin(Pool pool) {
      Future<Void> lookup = cjLoginId == null ? Future.succeededFuture()
          : pool.preparedQuery(StoreSql.LOGIN_EXISTS).execute(Tuple.of(cjLoginId)).map(rows -> {
            if (rows.size() == 0) fields.problem("cjLoginId", "names no CJ login");
            return null;
          });
      return lookup.map(v -> {
        fields.check();
        return null;
      });
    }
  }
}
