package com.aap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A signed-in session lasts {@code sessionSeconds} after sign-in; then it is as if there were none. */
@ExtendWith(VertxExtension.class)
class SessionLifetimeTest {
  private static final String PAGE = "/account/personal-access-tokens";
  private static final String EMAIL = "short@example.test";

  private SandboxServer server;
  private SandboxClient client;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests());
    client = new SandboxClient(vertx, server);
    client.createCompany(3_200_001, "Brief Co", 0);
    client.createUser(EMAIL, "pw", null, 3_200_001);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void aSessionWithinItsLifetimeStaysSignedIn() {
    String session = client.signIn(EMAIL, "pw");

    assertThat(client.get(PAGE, session).bodyAsString()).contains(">REGISTER<").doesNotContain("id=\"log-in\"");
  }

  @Test
  void anExpiredSessionShowsTheLogInButtonAgain() throws InterruptedException {
    String session = expiredSession();

    assertThat(client.get(PAGE, session).bodyAsString()).contains("id=\"log-in\"").doesNotContain(">REGISTER<");
  }

  @Test
  void anExpiredSessionCannotRegisterATokenAndGets401() throws InterruptedException {
    String session = expiredSession();

    HttpResponse<Buffer> response = client.postJson(PAGE, new JsonObject().put("name", "late"), session);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(client.get("/_sandbox/tokens", null).bodyAsJsonArray()).isEmpty();
  }

  @Test
  void theLifetimeSetAtStartIsEchoedInSeconds(Vertx vertx) {
    try (SandboxServer started = SandboxServer.start(SandboxConfig.forTests().withSessionMinutes(5));
        SandboxClient other = new SandboxClient(vertx, started)) {
      assertThat(other.get("/_sandbox/config", null).bodyAsJsonObject().getInteger("sessionSeconds")).isEqualTo(300);
    }
  }

  @Test
  void aZeroSessionLifetimeIsA400NamingTheField() {
    HttpResponse<Buffer> response = client.putJson("/_sandbox/config", new JsonObject().put("sessionSeconds", 0));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getJsonArray("fields").getJsonObject(0)
        .getString("field")).isEqualTo("sessionSeconds");
  }

  /** Signs in with a one-second lifetime and waits it out. */
  private String expiredSession() throws InterruptedException {
    SandboxClient.expect(200, client.putJson("/_sandbox/config", new JsonObject().put("sessionSeconds", 1)));
    String session = client.signIn(EMAIL, "pw");
    Thread.sleep(1_100);
    return session;
  }
}
