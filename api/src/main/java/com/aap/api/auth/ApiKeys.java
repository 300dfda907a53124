package com.aap.api.auth;

import com.aap.api.http.ApiException;
import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.security.MessageDigest;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * API keys for scripts: {@code POST /api/api-keys} shows a new key once, {@code GET} lists them (last four
 * characters only), {@code DELETE /api/api-keys/{id}} revokes one. Keys are stored as SHA-256 digests; the
 * configured {@code ADMIN_API_KEY} is compared in memory and never stored.
 */
public final class ApiKeys {

  static final String CONFIGURED_ACTOR = "api-key ADMIN_API_KEY";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._-]{1,64}");
  private static final Pattern ROLE = Pattern.compile("specialist|admin");

  private static final String FIND = "SELECT name, role FROM api_keys WHERE key_sha256 = $1 AND revoked_at IS NULL";
  private static final String INSERT = """
      INSERT INTO api_keys (id, name, role, key_sha256, last4, created_by) VALUES ($1, $2, $3, $4, $5, $6)""";
  private static final String LIST = """
      SELECT id, name, role, last4, created_by, created_at, revoked_at FROM api_keys ORDER BY created_at""";
  private static final String REVOKE = "UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL";

  private final Pool pool;
  private final byte[] configuredKeyDigest;

  public ApiKeys(Pool pool, String configuredAdminKey) {
    this.pool = pool;
    this.configuredKeyDigest = configuredAdminKey == null ? null : Secrets.sha256(configuredAdminKey);
  }

  /** The key's principal, or null for an unknown or revoked key. */
  Future<Principal> find(String key) {
    if (key.isEmpty()) return Future.succeededFuture(null);
    byte[] digest = Secrets.sha256(key);
    if (configuredKeyDigest != null && MessageDigest.isEqual(configuredKeyDigest, digest)) {
      return Future.succeededFuture(new Principal(CONFIGURED_ACTOR, "admin", false));
    }
    return pool.preparedQuery(FIND).execute(Tuple.of((Object) digest)).map(rows -> {
      if (rows.size() == 0) return null;
      Row row = rows.iterator().next();
      return new Principal("api-key " + row.getString("name"), row.getString("role"), false);
    });
  }

  public Future<Reply> create(RoutingContext rc) {
    Fields fields = new Fields(Bodies.object(rc));
    String name = fields.text("name", NAME, "must be 1 to 64 letters, digits, spaces, '.', '_' or '-'");
    String role = fields.optionalText("role", ROLE, "must be specialist or admin");
    fields.check();
    String key = Secrets.random("aap_");
    UUID id = UUID.randomUUID();
    String effectiveRole = role == null ? "specialist" : role;
    Tuple row = Tuple.of(id, name, effectiveRole, Secrets.sha256(key), key.substring(key.length() - 4),
        Principal.of(rc).actor());
    return pool.preparedQuery(INSERT).execute(row).map(v -> Reply.created(new JsonObject()
        .put("id", id.toString()).put("name", name).put("role", effectiveRole).put("key", key)));
  }

  public Future<Reply> list(RoutingContext rc) {
    return pool.query(LIST).execute().map(rows -> {
      JsonArray keys = new JsonArray();
      for (Row row : rows) {
        keys.add(new JsonObject().put("id", row.getUUID("id").toString()).put("name", row.getString("name"))
            .put("role", row.getString("role")).put("key", "****" + row.getString("last4"))
            .put("createdBy", row.getString("created_by"))
            .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
            .put("revoked", row.getOffsetDateTime("revoked_at") != null));
      }
      return Reply.ok(new JsonObject().put("apiKeys", keys));
    });
  }

  public Future<Reply> revoke(RoutingContext rc) {
    UUID id = uuid(rc.pathParam("id"));
    return pool.preparedQuery(REVOKE).execute(Tuple.of(id)).map(rows -> {
      if (rows.rowCount() != 1) throw ApiException.notFound("active API key " + id);
      return Reply.noContent();
    });
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("API key " + value);
    }
  }
}
