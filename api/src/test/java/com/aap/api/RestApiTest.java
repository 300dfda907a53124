package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.aap.api.testing.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;

class RestApiTest {

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();
  private static final JsonHttp rest = api.rest();

  @Test
  void badJsonIsRejectedWithInvalidJson() {
    JsonHttp.Response response = rest.post("/api/stores", "{\"id\": ");
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().getJsonObject("error").getString("code")).isEqualTo("invalid_json");

    assertThat(rest.post("/api/cj-logins", "[1, 2]").json().getJsonObject("error").getString("code"))
        .isEqualTo("invalid_json");
  }

  @Test
  void missingAndBadFieldsAreEachNamed() {
    JsonHttp.Response response = rest.post("/api/stores", new JsonObject().put("id", "bad id!").put("cjCompanyId", "12a")
        .put("cjLoginId", "not-a-uuid")
        .put("agencyAuthorization", new JsonObject().put("signedOn", "2999-01-01").put("reference", " ")));

    assertThat(response.status()).isEqualTo(400);
    JsonObject error = response.json().getJsonObject("error");
    assertThat(error.getString("code")).isEqualTo("invalid_fields");
    assertThat(fieldNames(error.getJsonArray("fields"))).containsExactlyInAnyOrder(
        "id", "name", "cjCompanyId", "cjLoginId", "agencyAuthorization.signedOn", "agencyAuthorization.reference");
  }

  @Test
  void aStoreNeedsAnExistingLogin() {
    JsonHttp.Response response = rest.post("/api/stores",
        Fixtures.store("s1", "1000001", "6f1c3c52-2a4a-4f0e-9f57-2d0c2f3d9b11", true));
    assertThat(response.status()).isEqualTo(400);
    assertThat(fieldNames(response.json().getJsonObject("error").getJsonArray("fields"))).containsExactly("cjLoginId");
  }

  @Test
  void loginValidationNamesFieldsWithoutEchoingSecrets() {
    JsonHttp.Response response = rest.post("/api/cj-logins",
        new JsonObject().put("email", "nobody").put("password", "").put("totpSecret", "not base32 secret-value!"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(fieldNames(response.json().getJsonObject("error").getJsonArray("fields")))
        .containsExactlyInAnyOrder("email", "password", "totpSecret");
    assertThat(response.body()).doesNotContain("secret-value");
  }

  @Test
  void aLoginIsCreatedWithoutReturningItsSecrets() {
    JsonHttp.Response response = rest.post("/api/cj-logins", new JsonObject().put("email", "ops@agency.example")
        .put("password", Fixtures.PASSWORD).put("totpSecret", "JBSWY3DPEHPK3PXPJBSWY3DP"));
    assertThat(response.status()).isEqualTo(201);
    assertThat(response.json().fieldNames()).containsExactlyInAnyOrder("id", "email", "hasTotp");
    assertThat(response.json().getBoolean("hasTotp")).isTrue();
  }

  @Test
  void aCreatedStoreIsShownWithEmptySettings() {
    String loginId = Fixtures.createLogin(rest, "ops@agency.example", Fixtures.PASSWORD);
    JsonHttp.Response created = rest.post("/api/stores", Fixtures.store("acme-1", "1000001", loginId, true)
        .put("cjCompanyId", 1000001));
    assertThat(created.status()).isEqualTo(201);

    JsonObject store = rest.get("/api/stores/acme-1").json();
    assertThat(store.getString("cjCompanyId")).isEqualTo("1000001");
    assertThat(store.getJsonObject("agencyAuthorization").getString("signedOn")).isEqualTo("2026-01-15");
    assertThat(store.getJsonObject("settings").getValue("cjAccessToken")).isNull();
    assertThat(store.getJsonObject("commissions").getLong("count")).isZero();
    assertThat(store.getValue("latestJob")).isNull();
  }

  @Test
  void aDuplicateStoreIdIsAConflict() {
    String loginId = Fixtures.createLogin(rest, "ops@agency.example", Fixtures.PASSWORD);
    Fixtures.createStore(rest, "dup", "1000001", loginId, true);
    JsonHttp.Response again = rest.post("/api/stores", Fixtures.store("dup", "1000002", loginId, true));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().getJsonObject("error").getString("code")).isEqualTo("store_exists");
  }

  @Test
  void unknownStoresAndJobsAreNotFound() {
    assertThat(rest.get("/api/stores/nope").status()).isEqualTo(404);
    assertThat(rest.get("/api/jobs/6f1c3c52-2a4a-4f0e-9f57-2d0c2f3d9b11").status()).isEqualTo(404);
    assertThat(rest.get("/api/jobs/not-a-uuid").json().getJsonObject("error").getString("code")).isEqualTo("not_found");
    assertThat(rest.post("/api/stores/nope/provision", new JsonObject()).status()).isEqualTo(404);
    assertThat(rest.get("/api/nothing-here").json().getJsonObject("error").getString("code")).isEqualTo("not_found");
  }

  @Test
  void provisioningAStoreWithoutAgencyAuthorizationIsAConflict() {
    String loginId = Fixtures.createLogin(rest, "ops@agency.example", Fixtures.PASSWORD);
    Fixtures.createStore(rest, "unauthorized", "1000001", loginId, false);

    JsonHttp.Response response = rest.post("/api/stores/unauthorized/provision", new JsonObject());
    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().getJsonObject("error").getString("message")).contains("no agency authorization");
  }

  @Test
  void provisioningTwiceReturnsTheSameJob() throws Exception {
    String storeId = Fixtures.authorizedStore(rest, "twice", "1000001");

    JsonHttp.Response first = rest.post("/api/stores/twice/provision", new JsonObject().put("tokenName", "app_token"));
    JsonHttp.Response second = rest.post("/api/stores/twice/provision", "");

    assertThat(first.status()).isEqualTo(202);
    assertThat(second.status()).isEqualTo(200);
    assertThat(second.json()).isEqualTo(first.json());
    assertThat(count("SELECT count(*) FROM jobs WHERE store_id = '" + storeId + "'")).isEqualTo(1);

    JsonObject job = rest.get("/api/jobs/" + first.json().getString("jobId")).json();
    assertThat(job.getString("state")).isEqualTo("queued");
    assertThat(job.getString("tokenName")).isEqualTo("app_token");
    assertThat(job.getJsonArray("steps").getJsonObject(0).getString("name")).isEqualTo("queued");
    assertThat(rest.get("/api/stores/twice").json().getJsonObject("latestJob").getString("state")).isEqualTo("queued");
  }

  @Test
  void aBadTokenNameIsRejected() {
    Fixtures.authorizedStore(rest, "named", "1000001");
    JsonHttp.Response response = rest.post("/api/stores/named/provision", new JsonObject().put("tokenName", "has space"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(fieldNames(response.json().getJsonObject("error").getJsonArray("fields"))).containsExactly("tokenName");
  }

  @Test
  void anOversizedBodyIsRejected() {
    JsonHttp.Response response = rest.post("/api/cj-logins",
        new JsonObject().put("email", "a@b.example").put("password", "x".repeat(200_000)));
    assertThat(response.status()).isEqualTo(413);
    assertThat(response.json().getJsonObject("error").getString("code")).isEqualTo("payload_too_large");
  }

  static java.util.List<String> fieldNames(JsonArray fields) {
    return fields.stream().map(f -> ((JsonObject) f).getString("field")).toList();
  }
}
