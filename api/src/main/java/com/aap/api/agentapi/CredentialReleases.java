package com.aap.api.agentapi;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * The audit entries of a CJ login's secrets leaving the API: its password with a claim
 * ({@code cj_login.credentials_released}), a one-time code made from its TOTP secret
 * ({@code cj_login.one_time_code}). Written on the caller's connection, in the transaction that releases
 * them, so nothing leaves without its entry. Target {@code cj-login:ID}; the actor is the agent key
 * ({@code agent-key NAME}); the detail names the agent (its claimant id), the key, the job and the store.
 */
final class CredentialReleases {

  static final String PASSWORD = "cj_login.credentials_released";
  static final String ONE_TIME_CODE = "cj_login.one_time_code";
  private static final String INSERT = "INSERT INTO audit_log (actor, action, target, detail) VALUES ($1, $2, $3, $4)";

  private CredentialReleases() {
  }

  static Future<Void> record(SqlClient db, String action, AgentIdentity key, String agentId, UUID loginId,
                             String loginEmail, UUID jobId, String storeId) {
    JsonObject detail = new JsonObject().put("agentId", agentId).put("agentKey", key.keyName())
        .put("agentKeyId", key.keyId()).put("cjLogin", loginEmail).put("jobId", jobId.toString()).put("storeId", storeId);
    return db.preparedQuery(INSERT).execute(Tuple.of(key.actor(), action, "cj-login:" + loginId, detail)).mapEmpty();
  }
}
