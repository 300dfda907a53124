package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.CjSandbox;
import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Set;

import static com.aap.api.testing.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token custody against real PostgreSQL and the sandbox as CJ: a token captured once is never lost and
 * never silently replaced; every token CJ issued is the store's current one or listed for a person to
 * revoke. The agent's side is played over the agent protocol, with tokens the sandbox really issued.
 */
class CustodyTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Set<String> ENDED = Set.of("succeeded", "failed", "needs_attention", "cancelled");

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withSandboxCj();
  private static final JsonHttp rest = api.rest();
  private static final JsonHttp agent = api.agent();
  private static final CjSandbox cj = new CjSandbox(api.sandboxControl());

  @AfterEach
  void clearFaults() {
    cj.clearFaults();
  }

  @Test
  void aStoreWithAVerifiedTokenIsProvisionedAgainOnlyWhenAskedToReplaceIt() throws Exception {
    Store store = store("replace");
    String first = provisionAndHandOver(store, new JsonObject(), ENDED);

    JsonHttp.Response again = rest.post("/api/stores/" + store.id + "/provision", new JsonObject());

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().getJsonObject("error").getString("code")).isEqualTo("token_exists");
    assertThat(count("SELECT count(*) FROM jobs")).isEqualTo(1);

    String second = provisionAndHandOver(store, new JsonObject().put("replace", true), ENDED);

    JsonObject settings = settings(store);
    assertThat(settings.getString("cjAccessToken")).isEqualTo("****" + last4(second));
    JsonArray listed = settings.getJsonArray("possiblyOrphanedTokens");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getBoolean("kept")).isTrue();
    assertThat(listed.getJsonObject(0).getString("reason")).startsWith("replaced by job");
    assertThat(first).isNotEqualTo(second);

    JsonHttp.Response revoked = rest.post("/api/stores/" + store.id + "/possibly-orphaned-tokens/"
        + listed.getJsonObject(0).getLong("id") + "/revoked", new JsonObject());
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
    assertThat(revoked.json().getString("revokedBy")).isNotBlank();
    assertThat(settings(store).getJsonArray("possiblyOrphanedTokens")).isEmpty();
  }

  @Test
  void aTokenHandedOverAfterItsJobWasCancelledIsKeptAndListedButNotTheStores() throws Exception {
    Store store = store("cancelled");
    String jobId = provision(store, new JsonObject());
    long lease = claim(jobId);
    checkpoint(jobId, lease);
    assertThat(rest.post("/api/jobs/" + jobId + "/cancel", new JsonObject()).status()).isEqualTo(200);

    String late = cj.mintToken(store.email, store.cid);
    assertThat(handOver(jobId, late).status()).isEqualTo(200);

    assertThat(job(jobId).getString("state")).isEqualTo("cancelled");
    JsonObject settings = settings(store);
    assertThat(settings.getValue("cjAccessToken")).isNull();
    assertThat(settings.getJsonArray("possiblyOrphanedTokens")).hasSize(1);
    assertThat(settings.getJsonArray("possiblyOrphanedTokens").getJsonObject(0).getBoolean("kept")).isTrue();
    assertThat(count("SELECT count(*) FROM possibly_orphaned_tokens WHERE token_enc IS NOT NULL")).isEqualTo(1);
  }

  @Test
  void anOlderJobsLateTokenNeverReplacesANewerJobsToken() throws Exception {
    Store store = store("older");
    String older = provision(store, new JsonObject());
    long olderLease = claim(older);
    checkpoint(older, olderLease);
    String olderToken = cj.mintToken(store.email, store.cid);
    // the older job's agent went silent before handing over; a specialist gave up on it and provisioned again
    assertThat(agent.post("/agent/v1/jobs/" + older + "/failure", new JsonObject().put("code", "cj_password_rejected")
        .put("message", "gave up").put("step", "registering").put("lease", olderLease)).status()).isEqualTo(200);
    String newerToken = provisionAndHandOver(store, new JsonObject(), ENDED);

    assertThat(handOver(older, olderToken).status()).isEqualTo(200);

    awaitCount("SELECT count(*) FROM possibly_orphaned_tokens WHERE job_id = '" + older + "' AND token_enc IS NOT NULL", 1);
    JsonObject job = job(older);
    assertThat(job.getString("state")).isEqualTo("failed");
    assertThat(job.getJsonObject("error").getString("code")).as(job.encode()).isEqualTo("token_superseded");
    assertThat(count("SELECT count(*) FROM captured_tokens WHERE job_id = '" + older + "'")).isZero();
    JsonObject settings = settings(store);
    assertThat(settings.getString("cjAccessToken")).isEqualTo("****" + last4(newerToken));
    assertThat(settings.getJsonArray("possiblyOrphanedTokens").stream()
        .map(o -> ((JsonObject) o).getString("jobId"))).contains(older);
  }

  /** CJ may take a while to accept a new token: refused for 2 minutes, then accepted, it becomes the store's. */
  @Test
  void aTokenCjRefusesForTwoMinutesAndThenAcceptsIsTheStores() throws Exception {
    Store store = store("propagation");
    cj.faults(new JsonObject().put("tokenActivationSeconds", 120));
    String jobId = provision(store, new JsonObject());
    checkpoint(jobId, claim(jobId));
    String token = cj.mintToken(store.email, store.cid);

    assertThat(handOver(jobId, token).status()).isEqualTo(200);

    JsonObject job = api.awaitJob(jobId, ENDED, Duration.ofMinutes(4));
    assertThat(job.getString("state")).as(job.encode()).isEqualTo("succeeded");
    assertThat(settings(store).getString("cjAccessToken")).isEqualTo("****" + last4(token));
    assertThat(settings(store).getJsonArray("possiblyOrphanedTokens")).isEmpty();
  }

  @Test
  void aBatchRowForAStoreWithAVerifiedTokenIsABadRowUnlessTheBatchReplaces() throws Exception {
    Store store = store("batch");
    provisionAndHandOver(store, new JsonObject(), ENDED);
    String csv = BatchesTest.HEADER + store.id + ",Batch store," + store.cid + "," + store.loginId + ",2024-01-02,AAA-1,\n";

    JsonHttp.Response plain = rest.withHeader("Content-Type", "text/csv").send("POST", "/api/batches", csv);
    JsonHttp.Response replacing = rest.withHeader("Content-Type", "text/csv").send("POST", "/api/batches?replace=true", csv);

    assertThat(plain.status()).as(plain.body()).isEqualTo(201);
    assertThat(plain.json().getInteger("accepted")).isZero();
    assertThat(plain.json().getJsonArray("badRows").getJsonObject(0).getString("field")).isEqualTo("storeId");
    assertThat(plain.json().getJsonArray("badRows").getJsonObject(0).getString("problem")).contains("replace=true");
    assertThat(replacing.status()).as(replacing.body()).isEqualTo(201);
    assertThat(replacing.json().getInteger("accepted")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM jobs WHERE replace")).isEqualTo(1);
  }

  private record Store(String id, String cid, String email, String loginId) {
  }

  private static Store store(String id) {
    String cid = cj.company(5);
    String email = cj.user(cid, Fixtures.PASSWORD);
    String loginId = Fixtures.createLogin(rest, email, Fixtures.PASSWORD);
    JsonHttp.Response created = rest.post("/api/stores", Fixtures.store(id, cid, loginId, true));
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return new Store(id, cid, email, loginId);
  }

  private static String provision(Store store, JsonObject body) {
    JsonHttp.Response response = rest.post("/api/stores/" + store.id + "/provision", body);
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return response.json().getString("jobId");
  }

  /** Provisions, claims, records the checkpoint, hands over a token the sandbox issued; waits for the job's end. */
  private static String provisionAndHandOver(Store store, JsonObject body, Set<String> until) {
    String jobId = provision(store, body);
    checkpoint(jobId, claim(jobId));
    String token = cj.mintToken(store.email, store.cid);
    assertThat(handOver(jobId, token).status()).isEqualTo(200);
    JsonObject job = api.awaitJob(jobId, until, TIMEOUT);
    assertThat(job.getString("state")).as(job.encode()).isEqualTo("succeeded");
    return token;
  }

  private static long claim(String jobId) {
    JsonObject claim = agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "a").put("waitSeconds", 5)
        .put("max", 1)).json();
    JsonObject job = claim.getJsonArray("jobs").getJsonObject(0);
    assertThat(job.getString("jobId")).isEqualTo(jobId);
    return job.getLong("lease");
  }

  private static void checkpoint(String jobId, long lease) {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/" + jobId + "/checkpoint", new JsonObject().put("lease", lease));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
  }

  private static JsonHttp.Response handOver(String jobId, String token) {
    return agent.post("/agent/v1/jobs/" + jobId + "/token", new JsonObject().put("token", token));
  }

  private static JsonObject job(String jobId) {
    return rest.get("/api/jobs/" + jobId).json();
  }

  private static JsonObject settings(Store store) {
    return rest.get("/api/stores/" + store.id).json().getJsonObject("settings");
  }

  private static String last4(String token) {
    return token.substring(token.length() - 4);
  }

  private static void awaitCount(String sql, long expected) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (count(sql) != expected && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(count(sql)).as(sql).isEqualTo(expected);
  }
}
