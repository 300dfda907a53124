package com.aap.api.accounts;

import com.aap.api.AccessSettings;
import com.aap.api.auth.PasswordWorkers;
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

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * People who sign in to the page: {@code POST /api/accounts} {@code {email, password, role}} and
 * {@code GET /api/accounts} (admins only), the admins' controls over an account ({@link AccountControls}),
 * and the start-up admin from {@code ADMIN_EMAIL}.
 */
public final class Accounts {

  private static final Logger log = LoggerFactory.getLogger(Accounts.class);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+|[^@\\s]{1,64}@localhost");
  static final Pattern PASSWORD = Pattern.compile(".{" + AccessSettings.MIN_PASSWORD_LENGTH + ",1024}",
      Pattern.DOTALL);
  static final String PASSWORD_RULE = "must be " + AccessSettings.MIN_PASSWORD_LENGTH + " to 1024 characters";
  /** What {@link #toJson} shows of an account. */
  static final String COLUMNS = "id, email, role, created_at, disabled_at";
  private static final Pattern ROLE = Pattern.compile("specialist|admin");

  private static final String INSERT =
      "INSERT INTO accounts (id, email, role, password_hash) VALUES ($1, $2, $3, $4)";
  private static final String UPSERT_ADMIN = """
      INSERT INTO accounts (id, email, role, password_hash) VALUES ($1, $2, 'admin', $3)
      ON CONFLICT (email) DO UPDATE SET role = 'admin', password_hash = excluded.password_hash, disabled_at = NULL""";
  private static final String LIST = "SELECT " + COLUMNS + " FROM accounts ORDER BY email";

  private final Pool pool;
  private final PasswordWorkers passwords;
  private final AccountControls controls;

  /** Passwords are hashed on the sign-in's bounded pool, never on the event loop or an ordered queue. */
  public Accounts(Pool pool, PasswordWorkers passwords) {
    this.pool = pool;
    this.passwords = passwords;
    this.controls = new AccountControls(pool, passwords);
  }

  /**
   * Creates the configured admin, or resets its password and role and enables it: the way into a fresh
   * install, and back in when every admin is locked out.
   */
  public Future<Void> bootstrap(AccessSettings settings) {
    if (settings.adminEmail() == null) return Future.succeededFuture();
    String email = settings.adminEmail().trim().toLowerCase();
    return passwords.hash(settings.adminPassword())
        .compose(hash -> pool.preparedQuery(UPSERT_ADMIN).execute(Tuple.of(UUID.randomUUID(), email, hash)))
        .onSuccess(v -> log.info("admin account {} ready (from ADMIN_EMAIL)", email))
        .mapEmpty();
  }

  public Future<Reply> create(RoutingContext rc) {
    Fields fields = new Fields(Bodies.object(rc));
    String email = fields.text("email", EMAIL, "must be an email address");
    String password = fields.text("password", PASSWORD, PASSWORD_RULE);
    String role = fields.text("role", ROLE, "must be specialist or admin");
    fields.check();
    String normalized = email.trim().toLowerCase();
    UUID id = UUID.randomUUID();
    return passwords.hash(password)
        .compose(hash -> pool.preparedQuery(INSERT).execute(Tuple.of(id, normalized, role, hash)))
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiException.conflict("account_exists", "an account with this email already exists") : e))
        .map(v -> {
          log.info("account {} created with role {}", id, role);
          return Reply.created(new JsonObject().put("id", id.toString()).put("email", normalized).put("role", role));
        });
  }

  public Future<Reply> list(RoutingContext rc) {
    return pool.query(LIST).execute().map(rows -> {
      JsonArray accounts = new JsonArray();
      for (Row row : rows) accounts.add(toJson(row));
      return Reply.ok(new JsonObject().put("accounts", accounts));
    });
  }

  /** {@code POST /api/accounts/{id}/disable}: it cannot sign in, and its sessions end. */
  public Future<Reply> disable(RoutingContext rc) {
    return controls.disable(rc);
  }

  /** {@code POST /api/accounts/{id}/enable}. */
  public Future<Reply> enable(RoutingContext rc) {
    return controls.enable(rc);
  }

  /** {@code POST /api/accounts/{id}/password} {@code {password}}: a new password; its sessions end. */
  public Future<Reply> setPassword(RoutingContext rc) {
    return controls.setPassword(rc);
  }

  /** {@code DELETE /api/accounts/{id}/sessions}: signed out everywhere. */
  public Future<Reply> endSessions(RoutingContext rc) {
    return controls.endSessions(rc);
  }

  /** An account as the API shows it, from the {@link #COLUMNS}. */
  static JsonObject toJson(Row row) {
    return new JsonObject().put("id", row.getUUID("id").toString()).put("email", row.getString("email"))
        .put("role", row.getString("role"))
        .put("createdAt", row.getOffsetDateTime("created_at").toInstant().toString())
        .put("disabled", row.getOffsetDateTime("disabled_at") != null);
  }
}
