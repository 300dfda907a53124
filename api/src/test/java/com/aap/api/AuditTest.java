package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log records who provisioned, retried, cancelled and uploaded what, and only what succeeded. */
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

    JsonObject entry = awaitEntry("store:s1");
    assertThat(entry.getString("actor")).isEqualTo("spec@agency.example");
    assertThat(entry.getString("action")).isEqualTo("store.provision");
    assertThat(entry.getString("at")).isNotBlank();
  }

  @Test
  void cancellingAJobIsRecordedWithItsActor() {
    String jobId = Fixtures.provision(api.rest(), Fixtures.authorizedStore(api.rest(), "s1", "1000001"));

    JsonHttp.Response cancelled = specialist.post("/api/jobs/" + jobId + "/cancel", new JsonObject());

    assertThat(cancelled.status()).as(cancelled.body()).isBetween(200, 299);
    JsonObject entry = awaitEntry("job:" + jobId);
    assertThat(entry.getString("action")).isEqualTo("job.cancel");
    assertThat(entry.getString("actor")).isEqualTo("spec@agency.example");
  }

  @Test
  void anActionByAnApiKeyIsRecordedUnderTheKeysName() {
    String key = api.rest().post("/api/api-keys", new JsonObject().put("name", "nightly")).json().getString("key");
    String storeId = Fixtures.authorizedStore(api.rest(), "s1", "1000001");

    new JsonHttp(api.baseUrl(), key).post("/api/stores/" + storeId + "/provision", new JsonObject());

    assertThat(awaitEntry("store:s1").getString("actor")).isEqualTo("api-key nightly");
  }

  @Test
  void aBatchUploadIsRecordedWithItsId() {
    Fixtures.createLogin(api.rest(), "ops@agency.example", Fixtures.PASSWORD);
    String batchId = specialist.withHeader("Content-Type", "text/csv").send("POST", "/api/batches",
        BatchesTest.HEADER + BatchesTest.row("s1", "1000001")).json().getString("batchId");

    JsonObject entry = awaitEntry("batch:" + batchId);

    assertThat(entry.getString("action")).isEqualTo("batch.create");
    assertThat(entry.getString("actor")).isEqualTo("spec@agency.example");
  }

  @Test
  void aRefusedActionIsNotRecorded() {
    String loginId = Fixtures.createLogin(api.rest(), "ops@agency.example", Fixtures.PASSWORD);
    Fixtures.createStore(api.rest(), "unauthorized", "1000001", loginId, false);
    Fixtures.authorizedStore(api.rest(), "s2", "1000002");

    assertThat(specialist.post("/api/stores/unauthorized/provision", new JsonObject()).status()).isEqualTo(409);
    specialist.post("/api/stores/s2/provision", new JsonObject());
    awaitEntry("store:s2"); // entries are written as responses end: once this one is there, the other would be

    assertThat(entries("store:unauthorized")).isEmpty();
  }

  private static JsonArray entries(String target) {
    return api.rest().get("/api/audit?target=" + target).json().getJsonArray("entries");
  }

  private static JsonObject awaitEntry(String target) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      JsonArray entries = entries(target);
      if (!entries.isEmpty()) return entries.getJsonObject(0);
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("no audit entry for " + target);
  }
}
