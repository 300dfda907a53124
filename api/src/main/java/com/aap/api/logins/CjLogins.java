package com.aap.api.logins;

import com.aap.api.http.Bodies;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.vault.Vault;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /api/cj-logins}: the CJ credentials an agent signs in with, stored encrypted;
 * {@code GET /api/cj-logins} lists them (id, email, whether a TOTP secret is set, the latest portal check;
 * never a secret).
 */
public final class CjLogins {

  private static final Logger log = LoggerFactory.getLogger(CjLogins.class);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");
  private static final Pattern BASE32 = Pattern.compile("[A-Za-z2-7]{16,128}={0,6}");
  private static final String INSERT =
      "INSERT INTO cj_logins (id, email, password_enc, totp_secret_enc) VALUES ($1, $2, $3, $4)";

  private static final String LIST = """
      SELECT l.id, l.email, l.totp_secret_enc IS NOT NULL AS has_totp,
             (SELECT count(*) FROM stores s WHERE s.cj_login_id = l.id) AS stores,
             c.id AS check_id, c.state AS check_state
        FROM cj_logins l
        LEFT JOIN LATERAL (SELECT j.id, j.state FROM jobs j JOIN stores s ON s.id = j.store_id
                            WHERE s.cj_login_id = l.id AND j.kind = 'portal_check'
                            ORDER BY j.created_at DESC LIMIT 1) c ON true
       ORDER BY l.email, l.created_at""";

  private final Pool pool;
  private final Vault vault;

  public CjLogins(Pool pool, Vault vault) {
    this.pool = pool;
    this.vault = vault;
  }

  public Future<Reply> create(RoutingContext rc) {
    JsonObject body = Bodies.object(rc);
    Fields fields = new Fields(body);
    String email = fields.text("email", EMAIL, "must be an email address");
    String password = fields.text("password", Pattern.compile(".{1,1024}", Pattern.DOTALL), "must be at most 1024 characters");
    String totp = fields.optionalText("totpSecret", BASE32, "must be a base32 (RFC 4648) secret of 16 to 128 characters");
    fields.check();
    UUID id = UUID.randomUUID();
    byte[] passwordEnc = vault.encrypt(password, Vault.loginPassword(id));
    byte[] totpEnc = totp == null ? null : vault.encrypt(totp, Vault.loginTotp(id));
    return pool.preparedQuery(INSERT).execute(Tuple.of(id, email.trim(), passwordEnc, totpEnc))
        .map(rows -> {
          log.info("cj login {} created", id);
          return Reply.created(new JsonObject().put("id", id.toString()).put("email", email.trim())
              .put("hasTotp", totp != null));
        });
  }

  public Future<Reply> list(RoutingContext rc) {
    return pool.query(LIST).execute().map(rows -> {
      JsonArray logins = new JsonArray();
      rows.forEach(row -> logins.add(new JsonObject().put("id", row.getUUID("id").toString())
          .put("email", row.getString("email")).put("hasTotp", row.getBoolean("has_totp"))
          .put("stores", row.getLong("stores"))
          .put("lastCheck", row.getUUID("check_id") == null ? null
              : new JsonObject().put("id", row.getUUID("check_id").toString()).put("state", row.getString("check_state")))));
      return Reply.ok(new JsonObject().put("cjLogins", logins));
    });
  }
}
