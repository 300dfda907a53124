package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.RawHttp;
import com.aap.api.testing.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Credentials are checked before a body is read: an anonymous upload costs the API its headers only. */
class AuthenticateBeforeBodyTest {

  private static final int TEN_MIB = 10 * 1024 * 1024;

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable()
      .configured(c -> c.withAccess(c.access().withLimits(c.access().limits().withHttpTimeouts(60, 5))));

  @Test
  void anAnonymousTenMebibyteUploadIsRefusedBeforeItsBodyIsSent() throws IOException {
    try (RawHttp http = RawHttp.connect(api.baseUrl())) {
      http.head("POST", "/api/batches", Map.of("Content-Type", "text/csv", "Content-Length", String.valueOf(TEN_MIB)))
          .write(new byte[1024]); // and nothing more: a server that waited for the body would never answer

      long started = System.nanoTime();
      RawHttp.Response response = http.read();
      long millis = (System.nanoTime() - started) / 1_000_000;

      assertThat(response.status()).isEqualTo(401);
      assertThat(response.headers()).containsEntry("connection", "close");
      assertThat(millis).isLessThan(2000);
      assertThat(http.closedWithin(5000)).as("the connection is closed, not kept for the rest of the body").isTrue();
    }
  }

  @Test
  void anAnonymousTenMebibyteUploadSentInFullIsAnsweredWithoutWaitingForIt() throws Exception {
    try (RawHttp http = RawHttp.connect(api.baseUrl())) {
      http.head("POST", "/api/batches", Map.of("Content-Type", "text/csv", "Content-Length", String.valueOf(TEN_MIB)));
      CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
        try {
          for (int i = 0; i < TEN_MIB / 65536; i++) http.write(new byte[65536]);
        } catch (IOException closedByTheServer) {
          // expected once the answer is out
        }
      });

      long started = System.nanoTime();
      RawHttp.Response response = http.read();
      long millis = (System.nanoTime() - started) / 1_000_000;

      System.out.printf("anonymous 10 MiB upload answered %d in %d ms%n", response.status(), millis);
      assertThat(response.status()).isEqualTo(401);
      assertThat(millis).isLessThan(2000);
      http.close();
      sending.join();
    }
  }

  @Test
  void aWrongAgentKeyIsRefusedBeforeAFailureReportsBodyIsSent() throws IOException {
    try (RawHttp http = RawHttp.connect(api.baseUrl())) {
      http.head("POST", "/agent/v1/jobs/6f1c3c52-2a4a-4f0e-9f57-2d0c2f3d9b11/failure", Map.of(
          "Authorization", "Bearer not-the-agent-key", "Content-Type", "application/json",
          "Content-Length", String.valueOf(4 * 1024 * 1024)));

      assertThat(http.read().status()).isEqualTo(401);
    }
  }

  @Test
  void anAuthenticatedUploadThatTricklesPastTheRequestTimeoutIsAnswered408() throws IOException {
    try (RawHttp http = RawHttp.connect(api.baseUrl())) {
      http.head("POST", "/api/batches", Map.of("Authorization", "Bearer " + TestApi.ADMIN_API_KEY,
          "Content-Type", "text/csv", "Content-Length", "100000")).write("store_id,name".getBytes());

      long started = System.nanoTime();
      RawHttp.Response response = http.read();
      long seconds = (System.nanoTime() - started) / 1_000_000_000;

      assertThat(response.status()).isEqualTo(408);
      assertThat(response.body()).contains("request_timeout");
      assertThat(seconds).isBetween(3L, 10L);
      assertThat(http.closedWithin(5000)).isTrue();
    }
  }

  @Test
  void aRequestWithoutABodyKeepsItsConnectionForTheNext() throws IOException {
    try (RawHttp http = RawHttp.connect(api.baseUrl())) {
      http.head("GET", "/api/health", Map.of());
      assertThat(http.read().status()).isEqualTo(200);
      http.head("GET", "/api/stores", Map.of());
      assertThat(http.read().status()).isEqualTo(401);
      http.head("GET", "/api/stores", Map.of("Authorization", "Bearer " + TestApi.ADMIN_API_KEY));
      assertThat(http.read().status()).isEqualTo(200);
    }
  }
}
