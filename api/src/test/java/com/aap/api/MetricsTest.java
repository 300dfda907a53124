package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.CjSandbox;
import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Set;
import java.util.function.DoublePredicate;

import static com.aap.api.testing.PrometheusText.sample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /metrics} while a job runs through the agent protocol against the sandbox CJ: the only job of
 * this API, so every counter starts at 0.
 */
class MetricsTest {

  private static final String TOKEN = "test-metrics-token-0123456789abcdefghij";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withSandboxCj()
      .configured(config -> config.withMetrics(config.metrics().withToken(TOKEN)));
  private static final JsonHttp rest = api.rest();
  private static final JsonHttp agent = api.agent();
  private static final JsonHttp scraper = api.anonymous().withHeader("Authorization", "Bearer " + TOKEN);
  private static final CjSandbox cj = new CjSandbox(api.sandboxControl());

  @Test
  void aProvisionMovesTheQueueTheJobGaugesTheStepHistogramsAndTheCjCalls() {
    String cid = cj.company(5);
    String email = cj.user(cid, Fixtures.PASSWORD);
    String loginId = Fixtures.createLogin(rest, email, Fixtures.PASSWORD);
    Fixtures.createStore(rest, "metrics-store", cid, loginId, true);
    String login = "cj_login=\"" + loginId + "\"";
    String jobId = Fixtures.provision(rest, "metrics-store");
    assertThat(rest.get("/api/no-such-thing/" + jobId).status()).isEqualTo(404); // a path is never a label

    String queued = awaitScrape("aap_queue_depth", login, depth -> depth == 1);
    assertThat(sample(queued, "aap_queue_oldest_age_seconds", login)).isGreaterThanOrEqualTo(0);
    String token = runJob(jobId, email, cid);

    String after = awaitScrape("aap_jobs", "state=\"succeeded\"", jobs -> jobs == 1);
    assertThat(sample(after, "aap_queue_depth", login)).isZero();
    assertThat(sample(after, "aap_token_handovers_total", "outcome=\"stored\"")).isEqualTo(1);
    assertThat(sample(after, "aap_token_verifications_total", "outcome=\"verified\"")).isEqualTo(1);
    assertThat(sample(after, "aap_job_step_seconds_count", "step=\"signed_in\"")).isEqualTo(1);
    assertThat(sample(after, "aap_job_step_seconds_bucket", "step=\"token_verified\"", "le=\"+Inf\"")).isEqualTo(1);
    assertThat(sample(after, "aap_cj_api_seconds_count", "operation=\"verify\"", "status=\"200\"")).isGreaterThanOrEqualTo(1);
    assertThat(sample(after, "vertx_http_server_requests_total", "/agent/v1/jobs/:id/token\"")).isEqualTo(1);
    assertThat(after).doesNotContain(jobId, "metrics-store", token, email);
  }

  @Test
  void withoutItsTokenMetricsAreRefused() {
    assertThat(api.anonymous().get("/metrics").status()).isEqualTo(401);
    assertThat(rest.get("/metrics").status()).isEqualTo(401);
  }

  /** Claims the job and reports like an agent: sign-in, company, checkpoint, then a token minted at the sandbox. */
  private static String runJob(String jobId, String email, String cid) {
    JsonObject claim = agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "a").put("waitSeconds", 5)).json();
    assertThat(claim.getString("jobId")).isEqualTo(jobId);
    JsonObject lease = new JsonObject().put("lease", claim.getLong("lease"));
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/sign-in-slot", lease).status()).isEqualTo(204);
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/steps", lease.copy().put("name", "signed_in")).status()).isEqualTo(200);
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/checkpoint", lease).status()).isEqualTo(200);
    String token = cj.mintToken(email, cid);
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/token", new JsonObject().put("token", token)).status()).isEqualTo(200);
    assertThat(api.awaitJob(jobId, Set.of("succeeded", "failed", "needs_attention"), TIMEOUT).getString("state"))
        .isEqualTo("succeeded");
    return token;
  }

  private static String scrape() {
    JsonHttp.Response response = scraper.get("/metrics");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("text/plain");
    return response.body();
  }

  /** Scrapes until the sample meets {@code until}: the job gauges are read from PostgreSQL at most every 5 s. */
  private static String awaitScrape(String name, String label, DoublePredicate until) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    String text = scrape();
    while (!until.test(sample(text, name, label)) && System.nanoTime() < deadline) {
      pause();
      text = scrape();
    }
    assertThat(sample(text, name, label)).as(name + "{" + label + "}").matches(until::test);
    return text;
  }

  private static void pause() {
    try {
      Thread.sleep(250);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
