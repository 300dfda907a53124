package com.aap.stack;

import static com.aap.api.testing.PrometheusText.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.DoublePredicate;
import org.junit.jupiter.api.Test;

/** The agent's own {@code GET /metrics} on AGENT_METRICS_PORT, around one job it runs in real Chromium. */
class AgentMetricsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private final Stack stack = Stack.get();

  @Test
  void theAgentsPortShowsAWorkerBusyDuringAJobThenItsSessionAndItsChromiumsMemory() {
    int port = freePort();
    CjAccount account = CjAccount.ready(stack, 10);
    // the job waits 2 s after its claim: time to see its worker busy
    Map<String, String> settings = Map.of("AGENT_METRICS_PORT", String.valueOf(port), "AGENT_TEST_PAUSE_AFTER", "claimed:2000");
    stack.withAgent("e2e-agent-metrics", settings, () -> {
      String idle = scrape(port);
      assertThat(sample(idle, "aap_agent_workers")).isEqualTo(2);
      assertThat(sample(idle, "aap_agent_workers_busy")).isZero();

      String jobId = account.provision();
      awaitSample(port, "aap_agent_workers_busy", busy -> busy == 1);
      JsonNode job = account.awaitJobEnd(jobId, TIMEOUT);
      assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("succeeded");

      String after = awaitSample(port, "aap_agent_workers_busy", busy -> busy == 0);
      assertThat(sample(after, "aap_agent_sessions_held")).isEqualTo(1);
      assertThat(sample(after, "aap_agent_chromium_restarts_total")).isZero();
      assertThat(sample(after, "aap_agent_browser_memory_bytes")).isGreaterThan(10e6);
      assertThat(sample(after, "jvm_memory_used_bytes", "area=\"heap\"")).isGreaterThan(0);
      assertThat(after).doesNotContain(jobId, account.storeId, account.email);
    });
  }

  private static String scrape(int port) {
    Http.Bytes reply = Http.getBytes("http://localhost:" + port + "/metrics");
    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("text/plain");
    return new String(reply.body(), StandardCharsets.UTF_8);
  }

  private static String awaitSample(int port, String name, DoublePredicate until) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String text = scrape(port);
    while (!until.test(sample(text, name)) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      text = scrape(port);
    }
    assertThat(sample(text, name)).as(name).matches(until::test);
    return text;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
