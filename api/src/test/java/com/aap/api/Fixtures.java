package com.aap.api;

import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/** Creates logins and stores through the REST API. */
final class Fixtures {

  static final String PASSWORD = "correct-horse-battery-staple-42";

  private Fixtures() {
  }

  static String createLogin(JsonHttp rest, String email, String password) {
    JsonHttp.Response response = rest.post("/api/cj-logins", new JsonObject().put("email", email).put("password", password));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json().getString("id");
  }

  static JsonObject store(String id, String cid, String loginId, boolean authorized) {
    JsonObject store = new JsonObject().put("id", id).put("name", "Store " + id).put("cjCompanyId", cid)
        .put("cjLoginId", loginId);
    if (authorized) {
      store.put("agencyAuthorization", new JsonObject().put("signedOn", "2026-01-15").put("reference", "AA-" + id));
    }
    return store;
  }

  static void createStore(JsonHttp rest, String id, String cid, String loginId, boolean authorized) {
    JsonHttp.Response response = rest.post("/api/stores", store(id, cid, loginId, authorized));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
  }

  /** A login and an authorized store; returns the store id. */
  static String authorizedStore(JsonHttp rest, String id, String cid) {
    createStore(rest, id, cid, createLogin(rest, "ops+" + id + "@agency.example", PASSWORD), true);
    return id;
  }

  static String provision(JsonHttp rest, String storeId) {
    JsonHttp.Response response = rest.post("/api/stores/" + storeId + "/provision", new JsonObject());
    assertThat(response.status()).as(response.body()).isIn(200, 202);
    return response.json().getString("jobId");
  }
}
