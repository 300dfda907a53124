package com.aap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent holds a token CJ showed once: an answer at hand-over that is not the API's own refusal of the
 * request (a 401 while agent keys are rotated, a proxy's 403) must not make it drop the token. The agent
 * talks to the API through a proxy that answers the first hand-over with 401 and passes everything else on.
 */
class HandOverThroughARefusingProxyTest {

  private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding",
      "upgrade", "keep-alive");
  private final Stack stack = Stack.get();
  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final AtomicInteger refusalsLeft = new AtomicInteger(1);
  private final List<String> handOvers = new CopyOnWriteArrayList<>();
  private HttpServer proxy;

  @BeforeEach
  void startTheProxy() throws IOException {
    proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext("/", this::pass);
    proxy.setExecutor(Executors.newFixedThreadPool(8));
    proxy.start();
  }

  @AfterEach
  void stopTheProxy() {
    proxy.stop(0);
  }

  @Test
  void aHandOverAnswered401IsTriedAgainAndTheTokenIsStored() {
    String proxyUrl = "http://127.0.0.1:" + proxy.getAddress().getPort();
    CjAccount account = CjAccount.ready(stack, "a", 10);

    stack.withAgent("e2e-agent-behind-proxy", Map.of("API_URL", proxyUrl), () -> {
      JsonNode job = account.awaitJobEnd(account.provision(), Duration.ofSeconds(90));
      assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("succeeded");
    });

    assertThat(handOvers).as("hand-overs the proxy saw").containsExactly("401", "200");
    List<JsonNode> issued = account.tokensIssued();
    assertThat(issued).hasSize(1);
    String token = issued.get(0).path("token").asText();
    assertThat(account.store().path("settings").path("cjAccessToken").asText())
        .isEqualTo("****" + token.substring(token.length() - 4));
  }

  /** Forwards the request to the API, except the first hand-over, which it answers 401 itself. */
  private void pass(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readAllBytes();
      String path = exchange.getRequestURI().toString();
      boolean handOver = exchange.getRequestMethod().equals("POST") && path.endsWith("/token");
      if (handOver && refusalsLeft.getAndDecrement() > 0) {
        handOvers.add("401");
        answer(exchange, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"agent key not valid\"}}"
            .getBytes(StandardCharsets.UTF_8));
        return;
      }
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.api(path)))
          .timeout(Duration.ofSeconds(60))
          .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofByteArray(body));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase())) values.forEach(value -> request.header(name, value));
      });
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        answer(exchange, 502, new byte[0]);
        return;
      }
      if (handOver) handOvers.add(String.valueOf(response.statusCode()));
      response.headers().map().forEach((name, values) -> {
        if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
          values.forEach(value -> exchange.getResponseHeaders().add(name, value));
        }
      });
      answer(exchange, response.statusCode(), response.body());
    }
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
    }
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
