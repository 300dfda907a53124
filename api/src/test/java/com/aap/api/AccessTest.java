package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestApi;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in, sessions, API keys and roles: no /api call succeeds without a session or a key. */
class AccessTest {

  private static final String PASSWORD = "specialist-password-123";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();

  @Test
  void everyApiRouteRefusesACallWithoutSessionOrKey() {
    String job = "/api/jobs/6f1c3c52-2a4a-4f0e-9f57-2d0c2f3d9b11";
    String batch = "/api/batches/6f1c3c52-2a4a-4f0e-9f57-2d0c2f3d9b11";
    List<String[]> calls = List.of(
        new String[] {"GET", "/api/stores"}, new String[] {"POST", "/api/stores"}, new String[] {"GET", "/api/stores/s1"},
        new String[] {"POST", "/api/stores/s1/provision"}, new String[] {"GET", job},
        new String[] {"POST", job + "/retry"}, new String[] {"POST", job + "/cancel"},
        new String[] {"GET", job + "/screenshot"}, new String[] {"POST", "/api/cj-logins"},
        new String[] {"GET", "/api/cj-logins"}, new String[] {"POST", "/api/batches"}, new String[] {"GET", "/api/batches"},
        new String[] {"GET", batch}, new String[] {"GET", batch + "/events"}, new String[] {"POST", batch + "/retry-failed"},
        new String[] {"GET", "/api/audit"}, new String[] {"GET", "/api/accounts"}, new String[] {"POST", "/api/accounts"},
        new String[] {"GET", "/api/api-keys"}, new String[] {"POST", "/api/api-keys"}, new String[] {"GET", "/api/session"},
        new String[] {"GET", "/api/no-such-route"});
    for (String[] call : calls) {
      JsonHttp.Response response = api.anonymous().send(call[0], call[1], call[0].equals("POST") ? "{}" : null);
      assertThat(response.status()).as(call[0] + " " + call[1]).isEqualTo(401);
      assertThat(response.json().getJsonObject("error").getString("code")).isEqualTo("unauthorized");
    }
  }

  @Test
  void anUnknownApiKeyIsRefused() {
    assertThat(new JsonHttp(api.baseUrl(), "aap_not-a-real-key-000000000000").get("/api/stores").status()).isEqualTo(401);
  }

  @Test
  void theAgentKeyIsNoApiKey() {
    assertThat(new JsonHttp(api.baseUrl(), TestApi.AGENT_KEY).get("/api/stores").status()).isEqualTo(401);
  }

  @Test
  void aSignedInSpecialistCanListStores() {
    api.createAccount("spec@agency.example", PASSWORD, "specialist");
    JsonHttp session = api.signIn("spec@agency.example", PASSWORD);

    JsonHttp.Response response = session.get("/api/stores");

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(session.get("/api/session").json().getString("actor")).isEqualTo("spec@agency.example");
  }

  @Test
  void aWrongPasswordIsRefusedLikeAnUnknownEmail() {
    api.createAccount("spec@agency.example", PASSWORD, "specialist");

    JsonHttp.Response wrong = api.anonymous().post("/api/session",
        new JsonObject().put("email", "spec@agency.example").put("password", "not-the-password"));
    JsonHttp.Response unknown = api.anonymous().post("/api/session",
        new JsonObject().put("email", "nobody@agency.example").put("password", "not-the-password"));

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.cookie("aap_session")).isNull();
    assertThat(unknown.body()).isEqualTo(wrong.body());
  }

  @Test
  void theSessionCookieIsHttpOnlySecureAndSameSiteStrict() {
    api.createAccount("spec@agency.example", PASSWORD, "specialist");
    JsonHttp.Response response = api.anonymous().post("/api/session",
        new JsonObject().put("email", "spec@agency.example").put("password", PASSWORD));

    String cookie = response.setCookies().get(0);
    assertThat(cookie).startsWith("aap_session=").containsIgnoringCase("HttpOnly").contains("; Secure").contains("SameSite=Strict");
    assertThat(response.body()).doesNotContain(response.cookie("aap_session"));
  }

  @Test
  void aSessionsStateChangingRequestWithoutTheCsrfTokenIsRefused() {
    api.createAccount("spec@agency.example", PASSWORD, "specialist");
    JsonHttp session = api.signIn("spec@agency.example", PASSWORD);
    JsonHttp forged = session.withHeader("X-CSRF-Token", "guessed");

    JsonHttp.Response response = forged.post("/api/batches", new JsonObject().put("stores", List.of()));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.json().getJsonObject("error").getString("code")).isEqualTo("csrf_token_invalid");
  }

  @Test
  void anExpiredSessionIsRefused() throws Exception {
    api.createAccount("spec@agency.example", PASSWORD, "specialist");
    JsonHttp session = api.signIn("spec@agency.example", PASSWORD);
    try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement()) {
      st.executeUpdate("UPDATE sessions SET expires_at = now() - interval '1 second'");
    }

    assertThat(session.get("/api/stores").status()).isEqualTo(401);
  }

  @Test
  void aSignedOutSessionIsRefused() {
    api.createAccount("spec@agency.example", PASSWORD, "specialist");
    JsonHttp session = api.signIn("spec@agency.example", PASSWORD);

    assertThat(session.delete("/api/session").status()).isEqualTo(204);

    assertThat(session.get("/api/stores").status()).isEqualTo(401);
  }

  @Test
  void aSpecialistCannotManageCjLoginsAccountsOrApiKeys() {
    api.createAccount("spec@agency.example", PASSWORD, "specialist");
    JsonHttp session = api.signIn("spec@agency.example", PASSWORD);

    JsonObject login = new JsonObject().put("email", "ops@agency.example").put("password", "cj-password");
    assertThat(session.post("/api/cj-logins", login).status()).isEqualTo(403);
    assertThat(session.get("/api/cj-logins").status()).isEqualTo(403);
    assertThat(session.post("/api/accounts", new JsonObject().put("email", "x@agency.example")
        .put("password", PASSWORD).put("role", "admin")).status()).isEqualTo(403);
    assertThat(session.post("/api/api-keys", new JsonObject().put("name", "mine")).status()).isEqualTo(403);
    assertThat(api.rest().get("/api/cj-logins").json().getJsonArray("cjLogins")).isEmpty();
  }

  @Test
  void anAdminCanManageCjLogins() {
    api.createAccount("boss@agency.example", PASSWORD, "admin");
    JsonHttp session = api.signIn("boss@agency.example", PASSWORD);

    JsonHttp.Response created = session.post("/api/cj-logins",
        new JsonObject().put("email", "ops@agency.example").put("password", "cj-password"));

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    assertThat(session.get("/api/cj-logins").json().getJsonArray("cjLogins").getJsonObject(0).getString("email"))
        .isEqualTo("ops@agency.example");
  }

  @Test
  void aCreatedApiKeyWorksUntilRevoked() {
    JsonObject created = api.rest().post("/api/api-keys", new JsonObject().put("name", "nightly import")).json();
    JsonHttp script = new JsonHttp(api.baseUrl(), created.getString("key"));
    assertThat(script.get("/api/stores").status()).isEqualTo(200);
    assertThat(script.get("/api/cj-logins").status()).as("a specialist key").isEqualTo(403);

    assertThat(api.rest().delete("/api/api-keys/" + created.getString("id")).status()).isEqualTo(204);

    assertThat(script.get("/api/stores").status()).isEqualTo(401);
  }

  @Test
  void apiKeysAndPasswordsAreStoredOnlyHashed() throws Exception {
    String key = api.rest().post("/api/api-keys", new JsonObject().put("name", "k")).json().getString("key");
    api.createAccount("spec@agency.example", PASSWORD, "specialist");
    api.signIn("spec@agency.example", PASSWORD);

    String dump = TestDatabaseDump.allText();

    assertThat(dump).doesNotContain(key).doesNotContain(PASSWORD);
    try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement();
         ResultSet rs = st.executeQuery("SELECT password_hash FROM accounts")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith("pbkdf2-sha256$600000$");
    }
    assertThat(api.rest().get("/api/api-keys").body()).doesNotContain(key).contains("****" + key.substring(key.length() - 4));
  }

  @Test
  void theConfiguredAdminCanSignInOnAFreshInstall() {
    try (TestApi fresh = TestApi.start("http://localhost:9/query",
        c -> c.withAccess(c.access().withAdmin("root@agency.example", "bootstrap-password-1")))) {
      JsonHttp session = fresh.signIn("root@agency.example", "bootstrap-password-1");
      assertThat(session.get("/api/session").json().getString("role")).isEqualTo("admin");
    }
  }
}
