package com.aap.api.agentapi;

import com.aap.api.auth.Principal;
import com.aap.api.auth.Secrets;
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

import java.security.MessageDigest;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The keys agents present, registered like API keys: {@code POST /api/agent-keys {name}} shows a new key
 * once, {@code GET} lists them (last four characters only), {@code DELETE /api/agent-keys/{id}} revokes one
 * (admins only). Stored as SHA-256 digests and looked up on every agent request, so a revoked key is refused
 * on its next one. The configured {@code AGENT_KEYS} are compared in memory, as digests, and never stored.
 */
public final class AgentKeys {

  static final String PREFIX = "aap_agent_";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9 ._-]{1,64}");

  private static final String FIND = "SELECT id, name FROM agent_keys WHERE key_sha256 = $1 AND revoked_at IS NULL";
  private static final String INSERT = """
      INSERT INTO agent_keys (id, name, key_sha256, last4, created_by) VALUES ($1, $2, $3, $4, $5)""";
  private static final String LIST = """
      SELECT id, name, last4, created_by, created_at, revoked_at FROM agent_keys ORDER BY created_at""";
  private static final String REVOKE = "UPDATE agent_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL";

  private final Pool pool;
  private final List<byte[]> configured;

  public AgentKeys(Pool pool, List<String> configuredKeys) {
    this.pool = pool;
    this.configured = configuredKeys.stream().map(Secrets::sha256).toList();
  }

  /** The key's identity, or null for an unknown or revoked key. */
  Future<AgentIdentity> find(String presented) {
    if (presented.isEmpty()) return Future.succeededFuture(null);
    byte[] digest = Secrets.sha256(presented);
    int position = 0;
    for (int i = 0; i < configured.size(); i++) {
      if (MessageDigest.isEqual(configured.get(i), digest) && position == 0) position = i + 1; // no early exit
    }
    if (position > 0) return Future.succeededFuture(new AgentIdentity(null, "AGENT_KEYS#" + position));
    return pool.preparedQuery(FIND).execute(Tuple.of((Object) digest)).map(rows -> {
      if (rows.size() == 0) return null;
      Row row = rows.iterator().next();
      return new AgentIdentity(row.getUUID("id").toString(), row.getString("name"));
    });
  }

  public Future<Reply> create(RoutingContext rc) {
    Fields fields = new Fields(Bodies.object(rc));
    String name = fields.text("name", NAME, "must be 1 to 64 letters, digits, spaces, '.', '_' or '-'");
    fields.check();
    String key = Secrets.random(PREFIX);
    UUID id = UUID.randomUUID();
    Tuple row = Tuple.of(id, name, Secrets.sha256(key), key.substring(key.length() - 4), Principal.of(rc).actor());
    return pool.preparedQuery(INSERT).execute(row)
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiException.conflict("agent_key_exists", "an active agent key is already named " + name) : e))
        .map(v -> Reply.created(new JsonObject().put("id", id.toString()).put("name", name).put("key", key)));
  }

  public Future<Reply> list(RoutingContext rc) {
    return pool.query(LIST).execute().map(rows -> {
      JsonArray keys = new JsonArray();
      for (Row row : rows) {
        keys.add(new JsonObject().put("id", row.getUUID("id").toString()).put("name", row.getString("name"))
            .put("key", "****" + row.getString("last4"))
            .put("createdBy", row.getString("created_by"))
            .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
            .put("revoked", row.getOffsetDateTime("revoked_at") != null));
      }
      return Reply.ok(new JsonObject().put("agentKeys", keys));
    });
  }

  public Future<Reply> revoke(RoutingContext rc) {
    UUID id = uuid(rc.pathParam("id"));
    return pool.preparedQuery(REVOKE).execute(Tuple.of(id)).map(rows -> {
      if (rows.rowCount() != 1) throw ApiException.notFound("active agent key " + id);
      return Reply.noContent();
    });
  }

  private static UUID uuid(String value) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("agent key " + value);
    }
  }
}
