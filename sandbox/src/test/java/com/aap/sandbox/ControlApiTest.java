package com.aap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ControlApiTest {

  @Test
  void controlApiIsNotServedWhenDisabled(Vertx vertx) {
    SandboxConfig config = SandboxConfig.fromLookup(key -> key.equals("SANDBOX_PORT") ? "0" : null);
    try (SandboxServer server = SandboxServer.start(config); SandboxClient client = new SandboxClient(vertx, server)) {
      HttpResponse<Buffer> response = client.postJson("/_sandbox/companies",
          new JsonObject().put("cid", 1).put("name", "x").put("commissions", 1), null);

      assertThat(response.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void companyWithoutANameIsA400NamingTheField(Vertx vertx) {
    try (SandboxServer server = SandboxServer.start(SandboxConfig.forTests());
        SandboxClient client = new SandboxClient(vertx, server)) {
      HttpResponse<Buffer> response = client.postJson("/_sandbox/companies",
          new JsonObject().put("cid", "5000001").put("commissions", 10), null);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.bodyAsJsonObject().getJsonObject("error").getJsonArray("fields").getJsonObject(0))
          .isEqualTo(new JsonObject().put("field", "name").put("problem", "required"));
    }
  }

  @Test
  void createdCompanyReportsItsRecordCount(Vertx vertx) {
    try (SandboxServer server = SandboxServer.start(SandboxConfig.forTests());
        SandboxClient client = new SandboxClient(vertx, server)) {
      JsonObject company = SandboxClient.expect(201, client.postJson("/_sandbox/companies",
          new JsonObject().put("cid", "5000002").put("name", "Counted").put("commissions", 25), null))
          .bodyAsJsonObject();

      assertThat(company.getString("cid")).isEqualTo("5000002");
      assertThat(company.getInteger("records")).isEqualTo(25 + 2 * 2);
    }
  }

  @Test
  void userWithAnInvalidTotpSecretIsRejected(Vertx vertx) {
    try (SandboxServer server = SandboxServer.start(SandboxConfig.forTests());
        SandboxClient client = new SandboxClient(vertx, server)) {
      client.createCompany(5_000_003, "Co", 0);
      HttpResponse<Buffer> response = client.postJson("/_sandbox/users", new JsonObject().put("email", "a@b.test")
          .put("password", "pw").put("totpSecret", "not base32!").put("cids", new JsonArray()
              .add("5000003")), null);

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.bodyAsString()).contains("\"field\":\"totpSecret\"");
    }
  }

  @Test
  void demoDataSeedsTheDemoUserAndCompanies(Vertx vertx) {
    try (SandboxServer server = SandboxServer.start(SandboxConfig.forTests().withDemoData(true));
        SandboxClient client = new SandboxClient(vertx, server)) {
      String session = client.signIn(DemoData.USER_EMAIL, DemoData.USER_PASSWORD);

      assertThat(client.get("/account/personal-access-tokens", session).bodyAsString())
          .contains("Acme Outdoor (1000001)", "Bluebird Books (1000002)", "Cobalt Coffee (1000003)");
    }
  }
}
