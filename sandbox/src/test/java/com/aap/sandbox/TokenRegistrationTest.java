package com.aap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class TokenRegistrationTest {
  private static final String PAGE = "/account/personal-access-tokens";
  private static final String EMAIL = "agency@example.test";

  private SandboxServer server;
  private SandboxClient client;
  private String session;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests());
    client = new SandboxClient(vertx, server);
    client.createCompany(3_000_001, "First & Co", 0);
    client.createCompany(3_000_002, "Second <Co>", 0);
    client.createUser(EMAIL, "pw", null, 3_000_001, 3_000_002);
    session = client.signIn(EMAIL, "pw");
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void registerReturnsTheNameAndA40CharacterAlphanumericToken() {
    JsonObject body = register("my_app").bodyAsJsonObject();

    assertThat(body.getString("name")).isEqualTo("my_app");
    assertThat(body.getString("token")).matches("[A-Za-z0-9]{40}");
  }

  @Test
  void tokenPageListsTheNameButNeverTheValue() {
    String token = register("listed_app").bodyAsJsonObject().getString("token");

    String page = client.get(PAGE, session).bodyAsString();

    assertThat(page).contains("aria-label=\"Registered tokens\"><li>listed_app</li></ul>").doesNotContain(token);
  }

  @Test
  void registerWithoutASessionIs401Json() {
    HttpResponse<Buffer> response = client.postJson(PAGE, new JsonObject().put("name", "x"), null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("code")).isEqualTo("unauthenticated");
  }

  @Test
  void registerWithAnEmptyNameSaysTokenNameIsRequired() {
    HttpResponse<Buffer> response = client.postJson(PAGE, new JsonObject().put("name", "  "), session);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .isEqualTo("Token Name is required.");
  }

  @Test
  void signedOutPageOffersTheLogInButton() {
    String page = client.get(PAGE, null).bodyAsString();

    assertThat(page).contains("<h1>Personal Access Tokens</h1>", ">Log In</button>")
        .contains("/u/login?returnTo=").doesNotContain("REGISTER");
  }

  @Test
  void companyComboboxEscapesNamesAndActsForTheFirstCompany() {
    String page = client.get(PAGE, session).bodyAsString();

    assertThat(page)
        .contains("<label for=\"company\">Company</label>")
        .contains("<option value=\"3000002\">Second &lt;Co&gt; (3000002)</option>")
        .contains("Acting as First &amp; Co (3000001)");
  }

  @Test
  void tokenIsRecordedForTheCompanyChosenInTheSwitcher() {
    client.postJson("/account/company", new JsonObject().put("cid", "3000002"), session);
    register("second_app");

    JsonArray tokens = client.get("/_sandbox/tokens", null).bodyAsJsonArray();

    assertThat(tokens.getJsonObject(0).getString("cid")).isEqualTo("3000002");
    assertThat(client.get(PAGE, session).bodyAsString()).contains("Acting as Second &lt;Co&gt; (3000002)");
  }

  @Test
  void modalModeSetAtRunTimeReachesTheTokenPage() {
    client.putJson("/_sandbox/config", new JsonObject().put("alertMode", "modal"));

    String page = client.get(PAGE, session).bodyAsString();

    assertThat(page).contains("data-alert-mode=\"modal\"", "role=\"dialog\"", "Token registered");
  }

  private HttpResponse<Buffer> register(String name) {
    return SandboxClient.expect(201, client.postJson(PAGE, new JsonObject().put("name", name), session));
  }
}
