package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Admins disable and enable accounts, set their passwords and end their sessions; all audited, admins only. */
class AccountControlsTest {

  private static final String EMAIL = "spec@agency.example";
  private static final String PASSWORD = "specialist-password-123";
  private static final String NEW_PASSWORD = "a-brand-new-password-456";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();
  private static final JsonHttp admin = api.rest();
  private String accountId;

  @BeforeEach
  void createASpecialist() {
    accountId = admin.post("/api/accounts", new JsonObject().put("email", EMAIL).put("password", PASSWORD)
        .put("role", "specialist")).json().getString("id");
  }

  private String path(String what) {
    return "/api/accounts/" + accountId + what;
  }

  private static JsonHttp.Response signIn(String password) {
    return api.anonymous().post("/api/session", new JsonObject().put("email", EMAIL).put("password", password));
  }

  private static String code(JsonHttp.Response response) {
    return response.json().getJsonObject("error").getString("code");
  }

  @Test
  void aDisabledAccountCannotSignInUntilItIsEnabledAgain() {
    JsonHttp.Response disabled = admin.post(path("/disable"), new JsonObject());

    assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
    assertThat(disabled.json().getBoolean("disabled")).isTrue();
    JsonHttp.Response refused = signIn(PASSWORD);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(code(refused)).isEqualTo("account_disabled");
    assertThat(signIn("a-wrong-password-000").status()).as("a wrong password says nothing more").isEqualTo(401);

    assertThat(admin.post(path("/enable"), new JsonObject()).json().getBoolean("disabled")).isFalse();
    assertThat(signIn(PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void disablingAnAccountEndsItsSessionsAtOnce() {
    JsonHttp session = api.signIn(EMAIL, PASSWORD);
    assertThat(session.get("/api/stores").status()).isEqualTo(200);

    JsonHttp.Response disabled = admin.post(path("/disable"), new JsonObject());

    assertThat(disabled.json().getInteger("sessionsEnded")).isEqualTo(1);
    assertThat(session.get("/api/stores").status()).isEqualTo(401);
  }

  @Test
  void aSessionOfADisabledAccountIsRefusedEvenIfItWasNotDeleted() throws Exception {
    JsonHttp session = api.signIn(EMAIL, PASSWORD);
    try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement()) {
      st.executeUpdate("UPDATE accounts SET disabled_at = now() WHERE email = '" + EMAIL + "'");
    }

    assertThat(session.get("/api/session").status()).isEqualTo(401);
  }

  @Test
  void aNewPasswordReplacesTheOldOneAndEndsTheSessions() {
    JsonHttp first = api.signIn(EMAIL, PASSWORD);
    JsonHttp second = api.signIn(EMAIL, PASSWORD);

    JsonHttp.Response set = admin.post(path("/password"), new JsonObject().put("password", NEW_PASSWORD));

    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(set.json().getInteger("sessionsEnded")).isEqualTo(2);
    assertThat(first.get("/api/stores").status()).isEqualTo(401);
    assertThat(second.get("/api/stores").status()).isEqualTo(401);
    assertThat(signIn(PASSWORD).status()).isEqualTo(401);
    assertThat(signIn(NEW_PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aNewPasswordFollowsTheRulesOfAnAccountsPassword() {
    JsonHttp.Response refused = admin.post(path("/password"), new JsonObject().put("password", "short"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("password");
    assertThat(signIn(PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void endingTheSessionsSignsTheAccountOutEverywhereButLetsItSignInAgain() {
    JsonHttp first = api.signIn(EMAIL, PASSWORD);
    JsonHttp second = api.signIn(EMAIL, PASSWORD);

    JsonHttp.Response ended = admin.delete(path("/sessions"));

    assertThat(ended.status()).as(ended.body()).isEqualTo(200);
    assertThat(ended.json().getInteger("sessionsEnded")).isEqualTo(2);
    assertThat(first.get("/api/stores").status()).isEqualTo(401);
    assertThat(second.get("/api/stores").status()).isEqualTo(401);
    assertThat(signIn(PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void theAccountListSaysWhichAreDisabled() {
    admin.post(path("/disable"), new JsonObject());

    JsonObject listed = admin.get("/api/accounts").json().getJsonArray("accounts").getJsonObject(0);

    assertThat(listed.getString("id")).isEqualTo(accountId);
    assertThat(listed.getBoolean("disabled")).isTrue();
  }

  @Test
  void anAdminCannotDisableTheirOwnAccount() {
    api.createAccount("boss@agency.example", PASSWORD, "admin");
    JsonHttp boss = api.signIn("boss@agency.example", PASSWORD);
    String bossId = admin.get("/api/accounts").json().getJsonArray("accounts").stream().map(a -> (JsonObject) a)
        .filter(a -> a.getString("email").equals("boss@agency.example")).findFirst().orElseThrow().getString("id");

    JsonHttp.Response refused = boss.post("/api/accounts/" + bossId + "/disable", new JsonObject());

    assertThat(refused.status()).isEqualTo(409);
    assertThat(code(refused)).isEqualTo("own_account");
    assertThat(boss.post(path("/disable"), new JsonObject()).status()).as("another account").isEqualTo(200);
  }

  @Test
  void anUnknownAccountIsNotFound() {
    String unknown = "/api/accounts/6f1c3c52-2a4a-4f0e-9f57-2d0c2f3d9b11";
    assertThat(admin.post(unknown + "/disable", new JsonObject()).status()).isEqualTo(404);
    assertThat(admin.post(unknown + "/enable", new JsonObject()).status()).isEqualTo(404);
    assertThat(admin.post(unknown + "/password", new JsonObject().put("password", NEW_PASSWORD)).status()).isEqualTo(404);
    assertThat(admin.delete(unknown + "/sessions").status()).isEqualTo(404);
    assertThat(admin.post("/api/accounts/not-an-id/disable", new JsonObject()).status()).isEqualTo(404);
  }

  @Test
  void onlyAdminsControlAccounts() {
    JsonHttp specialist = api.signIn(EMAIL, PASSWORD);
    List<JsonHttp.Response> answers = List.of(
        specialist.post(path("/disable"), new JsonObject()),
        specialist.post(path("/enable"), new JsonObject()),
        specialist.post(path("/password"), new JsonObject().put("password", NEW_PASSWORD)),
        specialist.delete(path("/sessions")),
        api.anonymous().post(path("/disable"), new JsonObject()));

    assertThat(answers).extracting(JsonHttp.Response::status).containsExactly(403, 403, 403, 403, 401);
    assertThat(signIn(PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void everyControlIsAuditedUnderTheAccount() {
    admin.post(path("/disable"), new JsonObject());
    admin.post(path("/enable"), new JsonObject());
    admin.post(path("/password"), new JsonObject().put("password", NEW_PASSWORD));
    admin.delete(path("/sessions"));

    JsonArray entries = awaitEntries("account:" + accountId, 5);

    assertThat(entries.stream().map(e -> ((JsonObject) e).getString("action")).toList()).containsExactlyInAnyOrder(
        "account.sessions_end", "account.password_set", "account.enable", "account.disable", "account.create");
    for (Object entry : entries) {
      assertThat(((JsonObject) entry).getString("actor")).isEqualTo("api-key ADMIN_API_KEY");
      assertThat(((JsonObject) entry).getJsonObject("detail").getString("email")).isEqualTo(EMAIL);
    }
    assertThat(entries.encode()).doesNotContain(NEW_PASSWORD);
  }

  private static JsonArray awaitEntries(String target, int count) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    JsonArray entries = new JsonArray();
    while (System.nanoTime() < deadline) {
      entries = admin.get("/api/audit?target=" + target).json().getJsonArray("entries");
      if (entries.size() >= count) return entries;
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("expected " + count + " audit entries for " + target + ", got " + entries);
  }
}
