package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestApi;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.TimeUnit;

import static com.aap.api.testing.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent protocol without CJ: verification cannot reach CJ here, so handed-over jobs stay running. */
class AgentProtocolTest {

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();
  private static final JsonHttp rest = api.rest();
  private static final JsonHttp agent = api.agent();

  private static long lease;

  private static JsonObject claim(int waitSeconds) {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/claim",
        new JsonObject().put("agentId", "agent-1").put("waitSeconds", waitSeconds));
    assertThat(response.status()).as(response.body()).isIn(200, 204);
    if (response.json() != null) lease = response.json().getLong("lease");
    return response.json();
  }

  private static JsonObject fail(String jobId, String code, String kind) {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/" + jobId + "/failure",
        new JsonObject().put("code", code).put("kind", kind).put("message", "it went wrong").put("step", "signing_in")
            .put("lease", lease));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static String job(String jobId) {
    return rest.get("/api/jobs/" + jobId).json().getString("state");
  }

  @Test
  void agentEndpointsRejectAWrongKey() {
    JsonHttp wrong = new JsonHttp(api.baseUrl(), "not-the-key");
    JsonHttp none = new JsonHttp(api.baseUrl(), null);
    JsonObject body = new JsonObject().put("agentId", "a").put("waitSeconds", 0);

    assertThat(wrong.post("/agent/v1/jobs/claim", body).status()).isEqualTo(401);
    assertThat(none.post("/agent/v1/jobs/claim", body).status()).isEqualTo(401);
    JsonHttp.Response token = wrong.post("/agent/v1/jobs/6f1c3c52-2a4a-4f0e-9f57-2d0c2f3d9b11/token",
        new JsonObject().put("token", "x".repeat(40)));
    assertThat(token.status()).isEqualTo(401);
    assertThat(token.json().getJsonObject("error").getString("code")).isEqualTo("unauthorized");
  }

  @Test
  void aClaimHandsOverTheSignInDetailsAndMarksTheJobRunning() {
    String storeId = Fixtures.authorizedStore(rest, "claimed", "1000001");
    String jobId = Fixtures.provision(rest, storeId);

    JsonObject claimed = claim(0);

    assertThat(claimed.getString("jobId")).isEqualTo(jobId);
    assertThat(claimed.getString("cjCompanyId")).isEqualTo("1000001");
    assertThat(claimed.getString("tokenName")).isEqualTo("affiliate_advertiser_pro_app");
    assertThat(claimed.getInteger("attempt")).isEqualTo(1);
    assertThat(claimed.getJsonObject("login").getString("password")).isEqualTo(Fixtures.PASSWORD);
    assertThat(claimed.getJsonObject("login").getBoolean("hasTotp")).isFalse();
    assertThat(claimed.getJsonObject("login").fieldNames()).containsExactlyInAnyOrder("id", "email", "password", "hasTotp");
    JsonObject job = rest.get("/api/jobs/" + jobId).json();
    assertThat(job.getString("state")).isEqualTo("running");
    assertThat(job.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("name")))
        .containsExactly("queued", "claimed");
    assertThat(claim(0)).isNull();
  }

  @Test
  void aClaimWithNothingQueuedAnswersNoContentAfterWaiting() {
    long start = System.nanoTime();
    assertThat(claim(1)).isNull();
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(900);
  }

  @Test
  @ExtendWith(VertxExtension.class)
  void aWaitingClaimIsWokenPromptlyWhenAJobIsQueued(Vertx vertx, VertxTestContext testContext) {
    String storeId = Fixtures.authorizedStore(rest, "woken", "1000001");
    WebClient client = WebClient.create(vertx);
    AtomicLong queuedAt = new AtomicLong();
    AtomicReference<String> jobId = new AtomicReference<>();
    vertx.setTimer(300, t -> vertx.executeBlocking(() -> {
      queuedAt.set(System.nanoTime());
      jobId.set(Fixtures.provision(rest, storeId));
      return null;
    }));

    client.postAbs(api.baseUrl() + "/agent/v1/jobs/claim").bearerTokenAuthentication(TestApi.AGENT_KEY)
        .sendJsonObject(new JsonObject().put("agentId", "agent-1").put("waitSeconds", 20))
        .onComplete(testContext.succeeding(response -> testContext.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject().getString("jobId")).isEqualTo(jobId.get());
          assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queuedAt.get())).isLessThan(400);
          testContext.completeNow();
        })));
  }

  @Test
  void aPermanentFailureFailsTheJobAfterOneAttempt() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "perm", "1000001"));
    claim(0);

    assertThat(fail(jobId, "cj_password_rejected", "permanent").getString("state")).isEqualTo("failed");

    JsonObject job = rest.get("/api/jobs/" + jobId).json();
    assertThat(job.getInteger("attempts")).isEqualTo(1);
    assertThat(job.getJsonObject("error").getString("code")).isEqualTo("cj_password_rejected");
    assertThat(claim(0)).isNull();
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/failure",
        new JsonObject().put("code", "cj_unreachable").put("kind", "transient").put("lease", lease)).status()).isEqualTo(409);
  }

  @Test
  void aTransientFailureIsRetriedWithBackoffUntilMaxAttempts() throws Exception {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "trans", "1000001"));
    for (int attempt = 1; attempt <= 3; attempt++) {
      assertThat(claim(0).getInteger("attempt")).isEqualTo(attempt);
      String state = fail(jobId, "cj_unreachable", "transient").getString("state");
      if (attempt < 3) {
        assertThat(state).isEqualTo("queued");
        assertThat(count("SELECT count(*) FROM jobs WHERE available_at > now() + interval '1 second'")).isEqualTo(1);
        assertThat(claim(0)).as("backing off").isNull();
        execute("UPDATE jobs SET available_at = now()");
      } else {
        assertThat(state).isEqualTo("failed");
      }
    }
    assertThat(rest.get("/api/jobs/" + jobId).json().getJsonObject("error").getString("code")).isEqualTo("cj_unreachable");
    assertThat(claim(0)).isNull();
  }

  @Test
  void anUnexpectedFailureNeedsAttention() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "odd", "1000001"));
    claim(0);
    assertThat(fail(jobId, "unexpected_page", "unexpected").getString("state")).isEqualTo("needs_attention");
    assertThat(job(jobId)).isEqualTo("needs_attention");
  }

  @Test
  void stepsAreAppendedOnlyToRunningJobs() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "steps", "1000001"));
    JsonObject step = new JsonObject().put("name", "signing_in").put("lease", 0);

    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/steps", step).status()).isEqualTo(409);
    claim(0);
    step.put("lease", lease);
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/steps", step).status()).isEqualTo(200);
    assertThat(agent.post("/agent/v1/jobs/6f1c3c52-2a4a-4f0e-9f57-2d0c2f3d9b11/steps", step).status()).isEqualTo(404);
    assertThat(rest.get("/api/jobs/" + jobId).json().getJsonArray("steps").getJsonObject(2).getString("name"))
        .isEqualTo("signing_in");
  }

  @Test
  void aMalformedTokenIsRejectedWithoutEchoingIt() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "malformed", "1000001"));
    claim(0);
    JsonHttp.Response response = agent.post("/agent/v1/jobs/" + jobId + "/token",
        new JsonObject().put("token", "abc def ghi jkl mno pqr stu"));
    assertThat(response.status()).isEqualTo(400);
    assertThat(RestApiTest.fieldNames(response.json().getJsonObject("error").getJsonArray("fields"))).containsExactly("token");
    assertThat(response.body()).doesNotContain("ghi jkl");
  }

  @Test
  void aTokenForAJobThatIsNotRunningIsSavedAllTheSame() throws Exception {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "notrunning", "1000001"));
    JsonHttp.Response response = agent.post("/agent/v1/jobs/" + jobId + "/token",
        new JsonObject().put("token", "A".repeat(40)));
    assertThat(response.status()).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM captured_tokens")).isEqualTo(1);
    assertThat(claim(0)).as("a job with its token is never claimed again").isNull();
  }

  @Test
  void theFirstHandedOverTokenWins() throws Exception {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "twotokens", "1000001"));
    claim(0);

    JsonHttp.Response first = agent.post("/agent/v1/jobs/" + jobId + "/token", new JsonObject().put("token", "A".repeat(40)));
    JsonHttp.Response second = agent.post("/agent/v1/jobs/" + jobId + "/token", new JsonObject().put("token", "B".repeat(40)));

    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().getBoolean("stored")).isTrue();
    assertThat(second.status()).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM captured_tokens")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM job_steps WHERE name = 'token_stored'")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM possibly_orphaned_tokens WHERE token_enc IS NOT NULL")).isEqualTo(1);
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/failure",
        new JsonObject().put("code", "agent_error").put("kind", "unexpected").put("lease", lease)).status()).isEqualTo(409);
  }

  private static void execute(String sql) throws Exception {
    try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }
}
