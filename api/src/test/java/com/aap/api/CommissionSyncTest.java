package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.CjSandbox;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.StandInAgent;
import com.aap.api.testing.SyncRuns;
import com.aap.api.testing.TestApi;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recurring commission sync against the sandbox, with a 4 s interval: later commissions and corrections
 * arrive, CJ's refusals become token health (invalid after 3 refusals over 2 s), and a 30 % share of 429s
 * loses nothing. CJ's per-token limit is raised to 600 calls a minute here, so the 429s are what slows a run.
 */
class CommissionSyncTest {

  private static final Duration INTERVAL = Duration.ofSeconds(4);
  private static final Duration SPAN = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withSandboxCj().configured(config -> config.withSync(config.sync()
      .withInterval(INTERVAL).withRefusals(3, SPAN).withBackoffBaseMillis(100).withCallLimits(600, 6000)));
  private static final JsonHttp control = api.sandboxControl();
  private static final CjSandbox cj = new CjSandbox(control);
  private static final JsonHttp rest = api.rest();
  private static final StandInAgent agent = new StandInAgent(api.agent());

  @AfterEach
  void resetSandbox() {
    cj.clearFaults();
    assertThat(control.put("/_sandbox/config", new JsonObject().put("pageLimit", 10_000)).status()).isEqualTo(200);
  }

  @Test
  void commissionsPostedAfterTheFirstRetrievalAndALaterCorrectionArriveWithTheNextSync() throws Exception {
    String cid = cj.company(300);
    String storeId = onboard("later", cid);
    SyncRuns.Run first = SyncRuns.awaitFinished(storeId, Instant.EPOCH, TIMEOUT);
    assertThat(first.state()).as(first.error()).isEqualTo("succeeded");
    assertThat(Duration.between(first.since(), first.before()).toDays()).isGreaterThanOrEqualTo(90);
    String oldest = TestDatabase.text("SELECT commission_id FROM commissions WHERE store_id = '" + storeId
        + "' AND original ORDER BY posting_date LIMIT 1");
    String oldestAction = TestDatabase.text("SELECT original_action_id FROM commissions WHERE commission_id = '" + oldest + "'");

    Instant added = Instant.now();
    JsonArray newIds = post("/_sandbox/companies/" + cid + "/commissions", new JsonObject().put("count", 7))
        .getJsonArray("commissionIds");
    JsonArray correctionIds = post("/_sandbox/companies/" + cid + "/corrections",
        new JsonObject().put("commissionId", oldest)).getJsonArray("commissionIds");
    SyncRuns.Run next = SyncRuns.awaitFinished(storeId, added, TIMEOUT.plus(INTERVAL));

    assertThat(next.state()).as(next.error()).isEqualTo("succeeded");
    assertThat(next.inserted()).isEqualTo(9);
    assertThat(Duration.between(next.since(), next.before()).toDays()).isBetween(29L, 30L);
    for (Object id : newIds) {
      assertThat(TestDatabase.count("SELECT count(*) FROM commissions WHERE original AND commission_id = '" + id + "'"))
          .isOne();
    }
    for (Object id : correctionIds) {
      assertThat(TestDatabase.text("SELECT original_action_id FROM commissions WHERE NOT original AND commission_id = '"
          + id + "'")).isEqualTo(oldestAction);
    }
    long held = TestDatabase.count("SELECT count(*) FROM commissions WHERE store_id = '" + storeId + "'");
    assertThat(held).isEqualTo(sandboxCount(cid, first.since(), next.before()));
    JsonObject sync = store(storeId).getJsonObject("sync");
    assertThat(sync.getLong("recordsHeld")).isEqualTo(held);
    assertThat(sync.getString("lastOutcome")).isEqualTo("succeeded");
    assertThat(sync.getString("tokenHealth")).isEqualTo("ok");
    assertThat(Instant.parse(sync.getString("nextSyncAt"))).isAfter(next.startedAt());
  }

  @Test
  void aRevokedTokenTurnsInvalidAfterItsSpanAndIsReprovisionedWithTheOldOneListed() {
    String cid = cj.company(20);
    String storeId = onboard("revoked", cid);
    String oldToken = tokenOf(storeId);
    SyncRuns.awaitFinished(storeId, Instant.EPOCH, TIMEOUT);

    assertThat(post("/_sandbox/tokens/revoke", new JsonObject().put("token", oldToken)).getInteger("revoked")).isOne();
    JsonObject refused = awaitSync(storeId, s -> "refused".equals(s.getString("tokenHealth")));
    JsonObject invalid = awaitSync(storeId, s -> "invalid".equals(s.getString("tokenHealth")));

    Duration refusedFor = Duration.between(Instant.parse(refused.getString("tokenHealthSince")),
        Instant.parse(invalid.getString("tokenHealthSince")));
    assertThat(refusedFor).isBetween(SPAN.minusMillis(300), SPAN.plus(INTERVAL));
    assertThat(invalid.getString("lastOutcome")).isEqualTo("token_refused");
    String jobId = invalid.getString("reprovisionJobId");
    assertThat(jobId).isNotNull();
    assertThat(rest.get("/api/stores?failing=true").json().getJsonArray("stores")).hasSize(1);

    String newToken = cj.mintToken(email(cid), cid);
    agent.handOver(jobId, newToken);
    JsonObject job = api.awaitJob(jobId, Set.of("succeeded", "failed", "needs_attention"), TIMEOUT);
    assertThat(job.getString("state")).isEqualTo("succeeded");

    JsonObject store = store(storeId);
    assertThat(store.getJsonObject("settings").getString("cjAccessToken")).isEqualTo("****" + last4(newToken));
    JsonArray listed = store.getJsonObject("settings").getJsonArray("possiblyOrphanedTokens");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getBoolean("kept")).isTrue();
    assertThat(listed.getJsonObject(0).getString("reason")).startsWith("replaced by job " + jobId);
    JsonObject healthy = awaitSync(storeId, s -> "ok".equals(s.getString("tokenHealth"))
        && "succeeded".equals(s.getString("lastOutcome")));
    assertThat(healthy.getBoolean("failing")).isFalse();
    assertThat(rest.get("/api/stores?failing=true").json().getJsonArray("stores")).isEmpty();
  }

  @Test
  void aUserRemovedFromTheCompanyIsNoCompanyAccessAndNothingIsReprovisioned() throws Exception {
    String cid = cj.company(20);
    String storeId = onboard("removed", cid);
    SyncRuns.awaitFinished(storeId, Instant.EPOCH, TIMEOUT);

    assertThat(control.delete("/_sandbox/users/" + email(cid) + "/companies/" + cid).status()).isEqualTo(200);
    JsonObject sync = awaitSync(storeId, s -> "no_company_access".equals(s.getString("tokenHealth")));

    assertThat(sync.getString("lastOutcome")).isEqualTo("no_company_access");
    assertThat(sync.getValue("reprovisionJobId")).isNull();
    int runs = SyncRuns.of(storeId).size();
    Thread.sleep(INTERVAL.plusSeconds(1).toMillis()); // a loop would have run again by now
    assertThat(SyncRuns.of(storeId)).hasSize(runs);
    assertThat(TestDatabase.count("SELECT count(*) FROM jobs WHERE store_id = '" + storeId + "'")).isOne();
    JsonObject listed = rest.get("/api/stores?failing=true").json().getJsonArray("stores").getJsonObject(0);
    assertThat(listed.getJsonObject("sync").getString("tokenHealth")).isEqualTo("no_company_access");
  }

  @Test
  void withThirtyPercentOfCallsAnswered429NothingIsLostAndNoCallComesBeforeItsRetryAfter() throws Exception {
    assertThat(control.put("/_sandbox/config", new JsonObject().put("pageLimit", 25)).status()).isEqualTo(200);
    cj.faults(new JsonObject().put("rateLimitPercent", 30).put("retryAfterSeconds", 1));
    String cid = cj.company(200);
    String storeId = onboard("limited", cid);
    SyncRuns.Run first = SyncRuns.awaitFinished(storeId, Instant.EPOCH, TIMEOUT);
    Instant added = Instant.now();
    post("/_sandbox/companies/" + cid + "/commissions", new JsonObject().put("count", 30));
    SyncRuns.Run next = SyncRuns.awaitFinished(storeId, added, TIMEOUT.plus(INTERVAL));

    assertThat(List.of(first.state(), next.state())).containsOnly("succeeded");
    JsonObject rateLimit = control.get("/_sandbox/faults").json().getJsonObject("rateLimit");
    assertThat(rateLimit.getLong("limited")).isGreaterThanOrEqualTo(3);
    assertThat(rateLimit.getLong("callsBeforeRetryAfter")).isZero();
    long held = TestDatabase.count("SELECT count(*) FROM commissions WHERE store_id = '" + storeId + "'");
    assertThat(held).isEqualTo(sandboxCount(cid, first.since(), next.before())).isGreaterThan(150);
    assertThat(store(storeId).getJsonObject("sync").getLong("recordsHeld")).isEqualTo(held);
  }

  /** An authorized store for the company, provisioned with a token the sandbox issued; returns its id. */
  @Test
  void runsOlderThanTheLogsDaysAreDeletedButEachStoresLastSuccessStays() throws Exception {
    String syncing = onboard("pruned", cj.company(5));
    SyncRuns.awaitFinished(syncing, Instant.EPOCH, TIMEOUT);
    String stopped = Fixtures.authorizedStore(rest, "stopped", cj.company(5)); // no token: no sync adds runs
    // the default SYNC_LOG_DAYS, 30: 31 days is out, 29 days in
    long[] old = {
        logRun(syncing, "succeeded", 40), logRun(syncing, "failed", 31),
        logRun(stopped, "succeeded", 60), logRun(stopped, "failed", 45)};
    long[] kept = {
        logRun(syncing, "succeeded", 29), logRun(syncing, "failed", 29),
        logRun(stopped, "succeeded", 50), logRun(stopped, "failed", 29)};
    String lastRetrieved = store(stopped).getJsonObject("commissions").getString("lastRetrievedAt");

    Instant deadline = Instant.now().plus(TIMEOUT);
    while (TestDatabase.count("SELECT count(*) FROM commission_retrievals WHERE id IN " + ids(old)) > 0
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }

    assertThat(TestDatabase.count("SELECT count(*) FROM commission_retrievals WHERE id IN " + ids(old))).isZero();
    assertThat(TestDatabase.count("SELECT count(*) FROM commission_retrievals WHERE id IN " + ids(kept)))
        .isEqualTo(kept.length);
    assertThat(TestDatabase.count("SELECT count(*) FROM commission_retrievals WHERE store_id = '" + syncing
        + "' AND finished_at > now() - interval '1 day' AND state = 'succeeded'")).isPositive();
    assertThat(store(stopped).getJsonObject("commissions").getString("lastRetrievedAt")).isEqualTo(lastRetrieved)
        .isNotNull();
  }

  /** A finished run in the store's log, ended {@code daysAgo} days ago; its id. */
  private static long logRun(String storeId, String state, int daysAgo) throws Exception {
    return TestDatabase.count("INSERT INTO commission_retrievals (store_id, state, started_at, finished_at, scheduled_for)"
        + " VALUES ('" + storeId + "', '" + state + "', now() - interval '" + daysAgo + " days', now() - interval '"
        + daysAgo + " days', now() - interval '" + daysAgo + " days' - random() * interval '1 hour') RETURNING id");
  }

  private static String ids(long[] ids) {
    return Arrays.stream(ids).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String onboard(String storeId, String cid) {
    String email = cj.user(cid, Fixtures.PASSWORD);
    Fixtures.createStore(rest, storeId, cid, Fixtures.createLogin(rest, email, Fixtures.PASSWORD), true);
    String jobId = Fixtures.provision(rest, storeId);
    agent.handOver(jobId, cj.mintToken(email, cid));
    assertThat(api.awaitJob(jobId, Set.of("succeeded", "failed", "needs_attention"), TIMEOUT).getString("state"))
        .isEqualTo("succeeded");
    return storeId;
  }

  private static String email(String cid) {
    return "agency+" + cid + "@example.com";
  }

  /** The token the sandbox issued last for the company's user. */
  private static String tokenOf(String storeId) {
    String last4 = store(storeId).getJsonObject("settings").getString("cjAccessToken").substring(4);
    List<String> tokens = new ArrayList<>();
    control.get("/_sandbox/tokens").jsonArray().forEach(t -> tokens.add(((JsonObject) t).getString("token")));
    return tokens.stream().filter(t -> t.endsWith(last4)).findFirst().orElseThrow();
  }

  private static JsonObject awaitSync(String storeId, Predicate<JsonObject> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonObject sync = null;
    while (System.nanoTime() < deadline) {
      sync = store(storeId).getJsonObject("sync");
      if (sync != null && condition.test(sync)) return sync;
      TestApi.sleep(50);
    }
    throw new AssertionError("store " + storeId + "'s sync did not get there within " + TIMEOUT + ": " + sync);
  }

  private static JsonObject store(String storeId) {
    return rest.get("/api/stores/" + storeId).json();
  }

  private static JsonObject post(String path, JsonObject body) {
    JsonHttp.Response response = control.post(path, body);
    assertThat(response.status()).as(response.body()).isIn(200, 201);
    return response.json();
  }

  private static long sandboxCount(String cid, Instant since, Instant before) {
    JsonHttp.Response response = control.get("/_sandbox/companies/" + cid + "/commission-count?since="
        + URLEncoder.encode(since.toString(), StandardCharsets.UTF_8) + "&before="
        + URLEncoder.encode(before.toString(), StandardCharsets.UTF_8));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().getLong("count");
  }

  private static String last4(String token) {
    return token.substring(token.length() - 4);
  }
}
