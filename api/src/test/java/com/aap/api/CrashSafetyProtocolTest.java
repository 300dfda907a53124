package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import static com.aap.api.testing.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Leases, fencing, the registering checkpoint and the sign-in slot, on a real PostgreSQL (CJ unreachable). */
class CrashSafetyProtocolTest {

  private static final int LEASE_SECONDS = 3;
  private static final String NAME = "affiliate_advertiser_pro_app";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable()
      .configured(c -> c.withJobs(JobSettings.defaults().withLeaseSeconds(LEASE_SECONDS).withBackoffBaseMillis(0)));
  private static final JsonHttp rest = api.rest();
  private static final JsonHttp agent = api.agent();

  @Test
  void aJobWhoseAgentStopsHeartbeatingIsReclaimedWithinTheLease() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "silent", "1000001"));
    long first = claim().getLong("lease");

    JsonObject job = api.awaitJob(jobId, Set.of("queued"), Duration.ofSeconds(LEASE_SECONDS * 2L + 1));

    assertThat(job.getJsonObject("error").getString("code")).isEqualTo("agent_lease_expired");
    JsonObject again = claim();
    assertThat(again.getInteger("attempt")).isEqualTo(2);
    assertThat(again.getLong("lease")).isGreaterThan(first);
  }

  @Test
  void heartbeatsKeepTheLeaseAlive() throws Exception {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "beating", "1000001"));
    long lease = claim().getLong("lease");

    for (int i = 0; i < 8; i++) {
      assertThat(agent.post("/agent/v1/jobs/" + jobId + "/heartbeat", new JsonObject().put("lease", lease)).status())
          .isEqualTo(204);
      Thread.sleep(1_000);
    }

    assertThat(state(jobId)).isEqualTo("running");
  }

  @Test
  void anAgentWithAStaleLeaseCannotChangeTheJob() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "stale", "1000001"));
    long stale = claim().getLong("lease");
    api.awaitJob(jobId, Set.of("queued"), Duration.ofSeconds(LEASE_SECONDS * 2L + 1));
    claim();

    JsonHttp.Response step = step(jobId, "signed_in", stale);
    JsonHttp.Response failure = agent.post("/agent/v1/jobs/" + jobId + "/failure", new JsonObject()
        .put("code", "cj_password_rejected").put("kind", "permanent").put("lease", stale));

    assertThat(step.status()).isEqualTo(409);
    assertThat(step.json().getJsonObject("error").getString("code")).isEqualTo("lease_lost");
    assertThat(failure.status()).isEqualTo(409);
    assertThat(state(jobId)).isEqualTo("running");
  }

  @Test
  void aTokenFromAnAgentThatLostItsLeaseIsSavedAndStopsTheNewAttemptBeforeRegister() throws Exception {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "late", "1000001"));
    claim();
    api.awaitJob(jobId, Set.of("queued"), Duration.ofSeconds(LEASE_SECONDS * 2L + 1));
    long current = claim().getLong("lease");

    JsonHttp.Response handOver = agent.post("/agent/v1/jobs/" + jobId + "/token",
        new JsonObject().put("token", "L".repeat(40)).put("name", NAME));
    JsonHttp.Response checkpoint = step(jobId, "registering", current);

    assertThat(handOver.status()).isEqualTo(200);
    assertThat(count("SELECT count(*) FROM captured_tokens WHERE name = '" + NAME + "'")).isEqualTo(1);
    assertThat(checkpoint.status()).isEqualTo(409);
    assertThat(checkpoint.json().getJsonObject("error").getString("code")).isEqualTo("token_already_stored");
  }

  @Test
  void aResumedJobRegistersUnderADistinctNameAndListsTheEarlierOne() {
    String storeId = Fixtures.authorizedStore(rest, "resumed", "1000001");
    String jobId = Fixtures.provision(rest, storeId);
    long first = claim().getLong("lease");
    assertThat(step(jobId, "registering", first).json().getString("tokenName")).isEqualTo(NAME);
    api.awaitJob(jobId, Set.of("queued"), Duration.ofSeconds(LEASE_SECONDS * 2L + 1));
    long second = claim().getLong("lease");

    String name = step(jobId, "registering", second).json().getString("tokenName");

    assertThat(name).isNotEqualTo(NAME).startsWith(NAME);
    JsonArray orphans = rest.get("/api/stores/" + storeId).json().getJsonObject("settings")
        .getJsonArray("possiblyOrphanedTokens");
    assertThat(orphans).hasSize(1);
    assertThat(orphans.getJsonObject(0).getString("name")).isEqualTo(NAME);
    assertThat(orphans.getJsonObject(0).getString("jobId")).isEqualTo(jobId);
    assertThat(orphans.getJsonObject(0).getString("recordedAt")).endsWith("Z");
  }

  @Test
  void aRepeatedCheckpointReportKeepsItsNameAndListsNothing() {
    String storeId = Fixtures.authorizedStore(rest, "repeat", "1000001");
    String jobId = Fixtures.provision(rest, storeId);
    long lease = claim().getLong("lease");

    step(jobId, "registering", lease);
    String again = step(jobId, "registering", lease).json().getString("tokenName");

    assertThat(again).isEqualTo(NAME);
    assertThat(rest.get("/api/stores/" + storeId).json().getJsonObject("settings")
        .getJsonArray("possiblyOrphanedTokens")).isEmpty();
  }

  @Test
  void aJobThatEndsAfterItsCheckpointWithoutATokenListsThePossibleOrphan() {
    String storeId = Fixtures.authorizedStore(rest, "ended", "1000001");
    String jobId = Fixtures.provision(rest, storeId);
    long lease = claim().getLong("lease");
    step(jobId, "registering", lease);

    agent.post("/agent/v1/jobs/" + jobId + "/failure", new JsonObject().put("code", "token_not_shown")
        .put("kind", "unexpected").put("step", "registering").put("lease", lease));

    assertThat(rest.get("/api/stores/" + storeId).json().getJsonObject("settings")
        .getJsonArray("possiblyOrphanedTokens").getJsonObject(0).getString("name")).isEqualTo(NAME);
  }

  @Test
  void onlyOneJobAtATimeSignsInWithACjLogin() {
    String loginId = Fixtures.createLogin(rest, "shared@agency.example", Fixtures.PASSWORD);
    Fixtures.createStore(rest, "shared-a", "1000001", loginId, true);
    Fixtures.createStore(rest, "shared-b", "1000002", loginId, true);
    String a = Fixtures.provision(rest, "shared-a");
    String b = Fixtures.provision(rest, "shared-b");
    long leaseA = claimJob(a);
    long leaseB = claimJob(b);

    assertThat(step(a, "signing_in", leaseA).status()).isEqualTo(200);
    JsonHttp.Response busy = step(b, "signing_in", leaseB);
    assertThat(busy.status()).isEqualTo(409);
    assertThat(busy.json().getJsonObject("error").getString("code")).isEqualTo("sign_in_busy");

    assertThat(step(a, "signed_in", leaseA).status()).isEqualTo(200);
    assertThat(step(b, "signing_in", leaseB).status()).isEqualTo(200);
  }

  @Test
  void theDatabaseItselfRefusesASecondSignInWithTheSameLogin() throws Exception {
    String loginId = Fixtures.createLogin(rest, "db@agency.example", Fixtures.PASSWORD);
    Fixtures.createStore(rest, "db-a", "1000001", loginId, true);
    Fixtures.createStore(rest, "db-b", "1000002", loginId, true);
    Fixtures.provision(rest, "db-a");
    Fixtures.provision(rest, "db-b");
    claim();
    claim();

    assertThatThrownBy(() -> execute("UPDATE jobs SET signing_in_login = '" + loginId + "'"))
        .isInstanceOf(SQLException.class).hasMessageContaining("jobs_one_sign_in_per_login");
  }

  @Test
  void aFailedJobCanBeRetriedWithAFreshBudgetOfAttempts() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "retry", "1000001"));
    long lease = claim().getLong("lease");
    agent.post("/agent/v1/jobs/" + jobId + "/failure", new JsonObject().put("code", "cj_password_rejected")
        .put("kind", "permanent").put("lease", lease));

    JsonHttp.Response retried = rest.post("/api/jobs/" + jobId + "/retry", new JsonObject());

    assertThat(retried.status()).as(retried.body()).isEqualTo(200);
    assertThat(retried.json().getString("state")).isEqualTo("queued");
    assertThat(claim().getInteger("attempt")).isEqualTo(2);
  }

  @Test
  void aRunningJobCannotBeRetried() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "noretry", "1000001"));
    claim();

    JsonHttp.Response response = rest.post("/api/jobs/" + jobId + "/retry", new JsonObject());

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().getJsonObject("error").getString("code")).isEqualTo("job_not_retryable");
  }

  @Test
  void cancellingARunningJobFencesItsAgentOut() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "cancel", "1000001"));
    long lease = claim().getLong("lease");

    JsonHttp.Response cancelled = rest.post("/api/jobs/" + jobId + "/cancel", new JsonObject());

    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(state(jobId)).isEqualTo("cancelled");
    assertThat(step(jobId, "registering", lease).status()).isEqualTo(409);
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/heartbeat", new JsonObject().put("lease", lease)).status())
        .isEqualTo(409);
  }

  @Test
  void aRepeatedIdempotencyKeyGetsTheOriginalAnswer() throws Exception {
    String storeId = Fixtures.authorizedStore(rest, "idem", "1000001");
    JsonHttp.Response first = provisionWithKey(storeId, "key-123");
    String jobId = first.json().getString("jobId");
    long lease = claim().getLong("lease");
    agent.post("/agent/v1/jobs/" + jobId + "/failure", new JsonObject().put("code", "cj_password_rejected")
        .put("kind", "permanent").put("lease", lease));

    JsonHttp.Response repeat = provisionWithKey(storeId, "key-123");

    assertThat(first.status()).isEqualTo(202);
    assertThat(repeat.status()).isEqualTo(202);
    assertThat(repeat.json()).isEqualTo(first.json());
    assertThat(count("SELECT count(*) FROM jobs")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM idempotency_keys")).isEqualTo(1);
  }

  @Test
  void aFailureScreenshotIsServedAsPngAndFlaggedOnTheJob() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "shot", "1000001"));
    long lease = claim().getLong("lease");
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 1, 2, 3, 4};
    assertThat(rest.get("/api/jobs/" + jobId + "/screenshot").status()).isEqualTo(404);

    agent.post("/agent/v1/jobs/" + jobId + "/failure", new JsonObject().put("code", "cj_captcha")
        .put("kind", "unexpected").put("step", "signing_in").put("lease", lease)
        .put("screenshot", Base64.getEncoder().encodeToString(png)));

    JsonObject job = rest.get("/api/jobs/" + jobId).json();
    assertThat(job.getBoolean("hasScreenshot")).isTrue();
    assertThat(job.getJsonObject("error").getString("step")).isEqualTo("signing_in");
    JsonHttp.Response shot = rest.get("/api/jobs/" + jobId + "/screenshot");
    assertThat(shot.status()).isEqualTo(200);
    assertThat(shot.body()).contains("PNG");
  }

  @Test
  void aScreenshotThatIsNotAPngIsRefused() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "notpng", "1000001"));
    long lease = claim().getLong("lease");

    JsonHttp.Response response = agent.post("/agent/v1/jobs/" + jobId + "/failure", new JsonObject()
        .put("code", "cj_captcha").put("kind", "unexpected").put("lease", lease)
        .put("screenshot", Base64.getEncoder().encodeToString("GIF89a".getBytes())));

    assertThat(response.status()).isEqualTo(400);
    assertThat(state(jobId)).isEqualTo("running");
  }

  private static JsonHttp.Response provisionWithKey(String storeId, String key) {
    return rest.withHeader("Idempotency-Key", key).post("/api/stores/" + storeId + "/provision", new JsonObject());
  }

  private static JsonObject claim() {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "t").put("waitSeconds", 0));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static long claimJob(String jobId) {
    JsonObject claimed = claim();
    assertThat(claimed.getString("jobId")).isEqualTo(jobId);
    return claimed.getLong("lease");
  }

  private static JsonHttp.Response step(String jobId, String name, long lease) {
    return agent.post("/agent/v1/jobs/" + jobId + "/steps", new JsonObject().put("name", name).put("lease", lease));
  }

  private static String state(String jobId) {
    return rest.get("/api/jobs/" + jobId).json().getString("state");
  }

  private static void execute(String sql) throws Exception {
    try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }
}
