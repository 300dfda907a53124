package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log records who created, provisioned, retried, cancelled and uploaded what, and only what succeeded. */
class AuditTest {

  private static final String PASSWORD = "specialist-password-123";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();
  private JsonHttp specialist;

  @BeforeEach
  void signInASpecialist() {
    api.createAccount("spec@agency.example", PASSWORD, "specialist");
    specialist = api.signIn("spec@agency.example", PASSWORD);
  }

  @Test
  void provisioningIsRecordedWithTheSpecialistWhoAskedForIt() {
    String storeId = Fixtures.authorizedStore(api.rest(), "s1", "1000001");

    assertThat(specialist.post("/api/stores/" + storeId + "/provision", new JsonObject()).status()).isEqualTo(202);

    JsonObject entry = awaitEntry("store:s1", "store.provision");
    assertThat(entry.getString("actor")).isEqualTo("spec@agency.example");
    assertThat(entry.getString("at")).isNotBlank();
  }

  @Test
  void cancellingAJobIsRecordedWithItsActor() {
    String jobId = Fixtures.provision(api.rest(), Fixtures.authorizedStore(api.rest(), "s1", "1000001"));

    JsonHttp.Response cancelled = specialist.post("/api/jobs/" + jobId + "/cancel", new JsonObject());

    assertThat(cancelled.status()).as(cancelled.body()).isBetween(200, 299);
    JsonObject entry = awaitEntry("job:" + jobId, "job.cancel");
    assertThat(entry.getString("actor")).isEqualTo("spec@agency.example");
  }

  @Test
  void anActionByAnApiKeyIsRecordedUnderTheKeysName() {
    String key = api.rest().post("/api/api-keys", new JsonObject().put("name", "nightly")).json().getString("key");
    String storeId = Fixtures.authorizedStore(api.rest(), "s1", "1000001");

    new JsonHttp(api.baseUrl(), key).post("/api/stores/" + storeId + "/provision", new JsonObject());

    assertThat(awaitEntry("store:s1", "store.provision").getString("actor")).isEqualTo("api-key nightly");
  }

  @Test
  void aBatchUploadIsRecordedWithItsId() {
    Fixtures.createLogin(api.rest(), "ops@agency.example", Fixtures.PASSWORD);
    String batchId = specialist.withHeader("Content-Type", "text/csv").send("POST", "/api/batches",
        BatchesTest.HEADER + BatchesTest.row("s1", "1000001")).json().getString("batchId");

    JsonObject entry = awaitEntry("batch:" + batchId, "batch.create");

    assertThat(entry.getString("actor")).isEqualTo("spec@agency.example");
  }

  @Test
  void creatingAStoreIsRecordedUnderTheStore() {
    String loginId = Fixtures.createLogin(api.rest(), "ops@agency.example", Fixtures.PASSWORD);

    assertThat(specialist.post("/api/stores", Fixtures.store("s1", "1000001", loginId, true)).status()).isEqualTo(201);

    JsonObject entry = awaitEntry("store:s1", "store.create");
    assertThat(entry.getString("actor")).isEqualTo("spec@agency.example");
    assertThat(entry.getJsonObject("detail").getString("cjCompanyId")).isEqualTo("1000001");
    assertThat(entry.getJsonObject("detail").getString("cjLoginId")).isEqualTo(loginId);
  }

  @Test
  void aBatchsEntrySaysHowManyStoresItCreatedOrUpdated() {
    Fixtures.createLogin(api.rest(), "ops@agency.example", Fixtures.PASSWORD);
    String csv = BatchesTest.HEADER + BatchesTest.row("s1", "1000001") + BatchesTest.row("s2", "1000002")
        + "bad,Store,12ab,ops@agency.example,2026-01-15,AA-1,\n";
    String batchId = specialist.withHeader("Content-Type", "text/csv").send("POST", "/api/batches", csv)
        .json().getString("batchId");

    JsonObject detail = awaitEntry("batch:" + batchId, "batch.create").getJsonObject("detail");

    assertThat(detail.getInteger("rows")).isEqualTo(3);
    assertThat(detail.getInteger("accepted")).isEqualTo(2);
  }

  @Test
  void whatAnAdminCreatesIsNamedByItsIdWithItsEmailOrName() {
    String loginId = Fixtures.createLogin(api.rest(), "ops@agency.example", Fixtures.PASSWORD);
    String accountId = api.rest().post("/api/accounts", new JsonObject().put("email", "new@agency.example")
        .put("password", PASSWORD).put("role", "admin")).json().getString("id");
    JsonObject key = api.rest().post("/api/api-keys", new JsonObject().put("name", "nightly")).json();

    JsonObject login = awaitEntry("cj-login:" + loginId, "cj_login.create");
    JsonObject account = awaitEntry("account:" + accountId, "account.create");
    JsonObject apiKey = awaitEntry("api-key:" + key.getString("id"), "api_key.create");

    assertThat(login.getJsonObject("detail").getString("email")).isEqualTo("ops@agency.example");
    assertThat(account.getJsonObject("detail").getString("email")).isEqualTo("new@agency.example");
    assertThat(account.getJsonObject("detail").getString("role")).isEqualTo("admin");
    assertThat(apiKey.getJsonObject("detail").getString("name")).isEqualTo("nightly");
    assertThat(apiKey.encode()).doesNotContain(key.getString("key"));
  }

  @Test
  void aRefusedActionIsNotRecorded() {
    String loginId = Fixtures.createLogin(api.rest(), "ops@agency.example", Fixtures.PASSWORD);
    Fixtures.createStore(api.rest(), "unauthorized", "1000001", loginId, false);
    Fixtures.authorizedStore(api.rest(), "s2", "1000002");

    assertThat(specialist.post("/api/stores/unauthorized/provision", new JsonObject()).status()).isEqualTo(409);
    specialist.post("/api/stores/s2/provision", new JsonObject());
    awaitEntry("store:s2", "store.provision"); // written as responses end: once this one is there, the other would be

    assertThat(entries("store:unauthorized", "store.provision")).isEmpty();
  }

  private static JsonArray entries(String target) {
    return api.rest().get("/api/audit?target=" + target).json().getJsonArray("entries");
  }

  private static JsonArray entries(String target, String action) {
    JsonArray all = entries(target);
    JsonArray those = new JsonArray();
    all.stream().map(e -> (JsonObject) e).filter(e -> e.getString("action").equals(action)).forEach(those::add);
    return those;
  }

  /** The newest entry for the target with this action, once it is written (entries are written as responses end). */
  private static JsonObject awaitEntry(String target, String action) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonArray entries = entries(target, action);
      if (!entries.isEmpty()) return entries.getJsonObject(0);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no audit entry " + action + " for " + target);
  }
}
