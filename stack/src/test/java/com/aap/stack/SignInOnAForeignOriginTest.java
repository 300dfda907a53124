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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The agent types a CJ login's credentials only on the origins its portal profile allows. The portal is
 * reached as http://localhost:PORT, and its sign-in is sent (sandbox fault {@code signInUrl}) to
 * http://127.0.0.1:OTHER, a page that looks like CJ's sign-in: another origin, which must get nothing.
 */
class SignInOnAForeignOriginTest {

  private static final String SIGN_IN_FORM = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>Log in | CJ</title></head>
      <body><main>
        <h1>Welcome</h1><p>Log in to CJ to continue.</p>
        <form method="post" action="/u/login">
          <label for="username">Email address</label>
          <input type="text" id="username" name="username" autocomplete="username" autofocus>
          <label for="password">Password</label>
          <input type="password" id="password" name="password" autocomplete="current-password">
          <button type="submit">Continue</button>
        </form>
      </main></body></html>""";

  /** One request the foreign server received. */
  record Received(String method, String uri, String headers, String body) {
    String all() {
      return method + " " + uri + "\n" + headers + "\n" + body;
    }
  }

  private final Stack stack = Stack.get();
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer foreign;

  @BeforeEach
  void startTheForeignSignInPage() throws IOException {
    foreign = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    foreign.createContext("/", this::answer);
    foreign.start();
  }

  @AfterEach
  void stopIt() {
    Http.put(stack.sandbox("/_sandbox/faults"), Map.of("signInUrl", ""));
    foreign.stop(0);
  }

  @Test
  void aSignInPageOnAnOriginTheProfileDoesNotAllowGetsNoCredentialsAndTheJobNeedsAttention() {
    String origin = "http://127.0.0.1:" + foreign.getAddress().getPort();
    assertThat(Http.put(stack.sandbox("/_sandbox/faults"), Map.of("signInUrl", origin + "/u/login")).status())
        .isEqualTo(200);
    CjAccount account = CjAccount.ready(stack, "a", 10);

    JsonNode job = account.awaitJobEnd(account.provision(), Duration.ofSeconds(60));

    assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("needs_attention");
    assertThat(job.path("error").path("code").asText()).isEqualTo("sign_in_origin_not_allowed");
    assertThat(job.path("error").path("message").asText()).contains(origin);
    assertThat(received).as("the agent was sent to the foreign page")
        .anyMatch(r -> r.method().equals("GET") && r.uri().startsWith("/u/login"));
    assertThat(received).as("nothing was submitted there").noneMatch(r -> !r.method().equals("GET"));
    for (String secret : List.of(account.email, account.password)) {
      String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
      assertThat(received).noneMatch(r -> r.all().contains(secret) || r.all().contains(encoded));
    }
    assertThat(account.tokensIssued()).isEmpty();
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
          exchange.getRequestHeaders().toString(), body));
      byte[] page = SIGN_IN_FORM.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, page.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(page);
      }
    }
  }
}
