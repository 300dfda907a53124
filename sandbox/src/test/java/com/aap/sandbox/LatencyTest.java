package com.aap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code latencyMillis} and {@code apiLatencyMillis}: CJ over the internet, timed over plain HTTP. */
@ExtendWith(VertxExtension.class)
class LatencyTest {
  private static final String PAGE = "/account/personal-access-tokens";
  /** Timers may fire a little early against the client's clock; this margin keeps the tests steady. */
  private static final long AT_LEAST_300 = 280;
  private static final long FAST = 200;
  private static final String QUERY = "{ advertiserCommissions(forAdvertisers: [\"1\"]) { count } }";

  private SandboxServer server;
  private SandboxClient client;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests());
    client = new SandboxClient(vertx, server);
    client.get("/u/login", null); // warm up, so the first timed call measures the sandbox, not class loading
    client.query(null, QUERY);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void pagesAnswerAtLeastTheLatencyLater() {
    configure(new JsonObject().put("latencyMillis", 300));

    assertThat(millis(() -> client.get("/u/login", null))).isGreaterThanOrEqualTo(AT_LEAST_300);
  }

  @Test
  void pagesStayFastWithoutLatency() {
    assertThat(millis(() -> client.get(PAGE, null))).isLessThan(FAST);
  }

  @Test
  void portalJsonEndpointsAreDelayedToo() {
    configure(new JsonObject().put("latencyMillis", 300));

    assertThat(millis(() -> client.postJson(PAGE, new JsonObject().put("name", "x"), null)))
        .isGreaterThanOrEqualTo(AT_LEAST_300);
  }

  @Test
  void theCommissionApiAnswersAtLeastTheApiLatencyLater() {
    configure(new JsonObject().put("apiLatencyMillis", 300));

    assertThat(millis(() -> client.query(null, QUERY))).isGreaterThanOrEqualTo(AT_LEAST_300);
  }

  @Test
  void pageLatencyLeavesTheCommissionApiFast() {
    configure(new JsonObject().put("latencyMillis", 1_000));

    assertThat(millis(() -> client.query(null, QUERY))).isLessThan(FAST);
  }

  @Test
  void controlCallsAreNeverDelayed() {
    configure(new JsonObject().put("latencyMillis", 1_000).put("apiLatencyMillis", 1_000));

    assertThat(millis(() -> client.get("/_sandbox/config", null))).isLessThan(FAST);
  }

  @Test
  void latencyAndTheSlowPagesFaultAddUp() {
    configure(new JsonObject().put("latencyMillis", 200));
    client.putJson("/_sandbox/faults", new JsonObject().put("slowPagesMs", 200));

    assertThat(millis(() -> client.get("/u/login", null))).isGreaterThanOrEqualTo(380);
  }

  @Test
  void latencySetAtStartIsEchoedByTheConfig(Vertx vertx) {
    SandboxConfig config = SandboxConfig.forTests().withLatencyMillis(250).withApiLatencyMillis(120);
    try (SandboxServer started = SandboxServer.start(config); SandboxClient other = new SandboxClient(vertx, started)) {
      JsonObject echoed = other.get("/_sandbox/config", null).bodyAsJsonObject();

      assertThat(echoed.getInteger("latencyMillis")).isEqualTo(250);
      assertThat(echoed.getInteger("apiLatencyMillis")).isEqualTo(120);
    }
  }

  @Test
  void latencyOverTenSecondsIsA400NamingTheField() {
    HttpResponse<Buffer> response = client.putJson("/_sandbox/config", new JsonObject().put("latencyMillis", 10_001));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstField(response)).isEqualTo("latencyMillis");
  }

  @Test
  void aNonIntegerApiLatencyIsA400NamingTheField() {
    HttpResponse<Buffer> response = client.putJson("/_sandbox/config", new JsonObject().put("apiLatencyMillis", "fast"));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(firstField(response)).isEqualTo("apiLatencyMillis");
  }

  @Test
  void aRejectedConfigChangesNothing() {
    client.putJson("/_sandbox/config", new JsonObject().put("latencyMillis", 300).put("apiLatencyMillis", -1));

    assertThat(client.get("/_sandbox/config", null).bodyAsJsonObject().getInteger("latencyMillis")).isZero();
  }

  private void configure(JsonObject body) {
    SandboxClient.expect(200, client.putJson("/_sandbox/config", body));
  }

  private static long millis(Supplier<HttpResponse<Buffer>> call) {
    long start = System.nanoTime();
    call.get();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String firstField(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonObject("error").getJsonArray("fields").getJsonObject(0)
        .getString("field");
  }
}
