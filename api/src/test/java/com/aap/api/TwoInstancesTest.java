package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestApi;
import com.aap.api.vault.Vault;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two API instances on one PostgreSQL: what one queues or changes wakes the other at once, through
 * LISTEN/NOTIFY (jobs/JobSignals), not only at its periodic re-check.
 */
class TwoInstancesTest {

  private static final String KEYSET = Vault.generateDevelopmentKeyset();
  /** How often a waiting claim re-checks PostgreSQL on its own (Claims.RECHECK_MS). */
  private static final long CLAIM_RECHECK_MS = 500;

  @RegisterExtension
  static final ApiExtension first = ApiExtension.withCjUnreachable().configured(c -> c.withVaultKeyset(KEYSET));
  private static final JsonHttp rest = first.rest();
  private static TestApi second;

  @BeforeAll
  static void startTheSecondInstance() {
    second = TestApi.start("http://localhost:9/query", c -> c.withVaultKeyset(KEYSET));
  }

  @AfterAll
  static void stopTheSecondInstance() {
    if (second != null) second.close();
  }

  @Test
  void aClaimWaitingOnOneInstanceWakesAtOnceWhenTheOtherQueuesAJob() throws Exception {
    List<Long> latencies = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      String storeId = Fixtures.authorizedStore(rest, "wake-" + round, String.valueOf(1_000_001 + round));
      CompletableFuture<JsonHttp.Response> claim = CompletableFuture.supplyAsync(() -> second.agent()
          .post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "agent-on-2").put("waitSeconds", 10)));
      Thread.sleep(200); // the claim has found nothing and waits: nothing to poll for from outside

      long queued = System.nanoTime();
      String jobId = Fixtures.provision(rest, storeId);
      JsonHttp.Response claimed = claim.get(10, TimeUnit.SECONDS);
      latencies.add((System.nanoTime() - queued) / 1_000_000);

      assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
      assertThat(claimed.json().getString("jobId")).isEqualTo(jobId);
    }
    List<Long> sorted = latencies.stream().sorted().toList();
    System.out.printf("claim on instance 2 woken by a job queued on instance 1: %s ms%n", latencies);
    // Without the signal each would come at a random point of the claim's 500 ms re-check, mostly far later.
    assertThat(sorted.get(2)).as("median of %s", latencies).isLessThan(100);
    assertThat(sorted.get(4)).as("slowest of %s", latencies).isLessThan(CLAIM_RECHECK_MS);
  }

  @Test
  void aBatchStreamOnOneInstanceSeesAJobChangedOnTheOther() throws Exception {
    Fixtures.createLogin(rest, "ops@agency.example", Fixtures.PASSWORD);
    String batchId = rest.withHeader("Content-Type", "text/csv").send("POST", "/api/batches",
            BatchesTest.HEADER + BatchesTest.row("s1", "1000001")).json().getString("batchId");
    HttpRequest request = HttpRequest.newBuilder(URI.create(second.baseUrl() + "/api/batches/" + batchId + "/events"))
        .header("Authorization", "Bearer " + TestApi.ADMIN_API_KEY).timeout(Duration.ofSeconds(10)).build();
    HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
        HttpResponse.BodyHandlers.ofInputStream());

    try (BufferedReader events = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(nextProgress(events).getJsonObject("totals").getInteger("queued")).isEqualTo(1);
      long changed = System.nanoTime();
      JsonHttp.Response claimed = first.agent().post("/agent/v1/jobs/claim",
          new JsonObject().put("agentId", "agent-on-1").put("waitSeconds", 0));
      assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);

      JsonObject progress = nextProgress(events);
      long millis = (System.nanoTime() - changed) / 1_000_000;
      System.out.printf("batch stream on instance 2 saw the claim on instance 1 after %d ms%n", millis);
      assertThat(progress.getJsonObject("totals").getInteger("running")).isEqualTo(1);
      // it had just read the rows: without the signal it would read them again only after 500 ms
      assertThat(millis).isLessThan(300);
      assertThat(progress.getJsonArray("rows").getJsonObject(0).getString("state")).isEqualTo("running");
    }
  }

  /** The next {@code progress} event that reports a changed row. */
  private static JsonObject nextProgress(BufferedReader events) throws Exception {
    String line;
    while ((line = events.readLine()) != null) {
      if (!line.startsWith("data: ")) continue;
      JsonObject event = new JsonObject(line.substring(6));
      if (!event.getJsonArray("rows").isEmpty()) return event;
    }
    throw new AssertionError("the stream ended");
  }
}
