package com.aap.sandbox;

import static com.aap.sandbox.SandboxClient.form;
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

/** The skin in effect: configured at start or run time, or the user's own once the user is known. */
@ExtendWith(VertxExtension.class)
class SkinSelectionTest {
  private static final String PAGE = "/account/personal-access-tokens";
  private static final String APP_SHELL = "<div id=\"root\"";
  private static final String PLAIN = "plain@example.test";
  private static final String SPA = "spa@example.test";

  private SandboxServer server;
  private SandboxClient client;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests());
    client = new SandboxClient(vertx, server);
    client.createCompany(4_100_001, "Chosen Co", 0);
    client.createUser(PLAIN, "pw", null, 4_100_001);
    SandboxClient.expect(201, client.postJson("/_sandbox/users", new JsonObject().put("email", SPA).put("password", "pw")
        .put("cids", new JsonArray().add("4100001")).put("skin", "b"), null));
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void theConfiguredSkinIsAByDefaultAndShownByGet() {
    assertThat(client.get("/_sandbox/config", null).bodyAsJsonObject().getString("skin")).isEqualTo("a");
    assertThat(client.get(PAGE, null).bodyAsString()).contains(">Log In</button>").doesNotContain(APP_SHELL);
  }

  @Test
  void theSkinSetAtStartIsServed(Vertx vertx) {
    try (SandboxServer started = SandboxServer.start(SandboxConfig.forTests().withSkin(Skin.C));
        SandboxClient other = new SandboxClient(vertx, started)) {
      assertThat(other.get("/_sandbox/config", null).bodyAsJsonObject().getString("skin")).isEqualTo("c");
      assertThat(other.get(PAGE, null).bodyAsString()).contains("<html lang=\"de\">");
    }
  }

  @Test
  void theSkinSetAtRunTimeAppliesToTheNextPage() {
    JsonObject config = SandboxClient.expect(200, client.putJson("/_sandbox/config", new JsonObject().put("skin", "B")))
        .bodyAsJsonObject();

    assertThat(config.getString("skin")).isEqualTo("b");
    assertThat(client.get(PAGE, null).bodyAsString()).contains(APP_SHELL);
  }

  @Test
  void anUnknownSkinIsA400NamingTheField() {
    HttpResponse<Buffer> response = client.putJson("/_sandbox/config", new JsonObject().put("skin", "z"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getJsonArray("fields").getJsonObject(0)
        .getString("field")).isEqualTo("skin");
  }

  @Test
  void aUsersOwnSkinAppliesOnceSignedInAndOthersKeepTheConfiguredOne() {
    assertThat(client.get(PAGE, client.signIn(SPA, "pw")).bodyAsString()).contains(APP_SHELL);
    assertThat(client.get(PAGE, client.signIn(PLAIN, "pw")).bodyAsString()).contains(">REGISTER</button>");
  }

  @Test
  void aUsersOwnSkinAppliesFromTheIdentifierStep() {
    HttpResponse<Buffer> response = client.postForm("/u/login/identifier", form("username", SPA, "returnTo", PAGE));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.getHeader("location")).startsWith("/auth/password?");
    assertThat(SandboxClient.cookie(response, "cj_skin")).isEqualTo("b");
  }

  @Test
  void theLastUsersSkinIsRememberedForSignedOutPages() {
    HttpResponse<Buffer> signIn = client.postForm("/u/login/password",
        form("username", SPA, "password", "pw", "returnTo", PAGE));

    assertThat(SandboxClient.cookie(signIn, "cj_skin")).isEqualTo("b");
    assertThat(client.getWithCookies(PAGE, "cj_skin=b").bodyAsString()).contains(APP_SHELL);
  }

  @Test
  void theSkinOfAUserCanBeChangedAndReset() {
    JsonObject body = SandboxClient.expect(200, client.putJson("/_sandbox/users/" + PLAIN + "/skin",
        new JsonObject().put("skin", "c"))).bodyAsJsonObject();
    assertThat(body).isEqualTo(new JsonObject().put("email", PLAIN).put("skin", "c"));
    String session = client.signIn(PLAIN, "pw");
    assertThat(client.get(PAGE, session).bodyAsString()).contains("<html lang=\"de\">");

    client.putJson("/_sandbox/users/" + PLAIN + "/skin", new JsonObject().putNull("skin"));

    assertThat(client.get(PAGE, session).bodyAsString()).contains("<html lang=\"en\">", ">REGISTER</button>");
  }

  @Test
  void changingTheSkinOfAnUnknownUserIs404() {
    HttpResponse<Buffer> response = client.putJson("/_sandbox/users/nobody@example.test/skin",
        new JsonObject().put("skin", "b"));

    assertThat(response.statusCode()).isEqualTo(404);
  }
}
