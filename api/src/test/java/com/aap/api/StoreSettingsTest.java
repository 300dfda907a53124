package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.CjSandbox;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;

import static com.aap.api.testing.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store Settings: a token the store owner registered in CJ themselves, entered by hand with
 * {@code PUT /api/stores/{id}/cj-access-token}, checked with the sandbox as CJ before anything is stored.
 */
class StoreSettingsTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withSandboxCj();
  private static final JsonHttp rest = api.rest();
  private static final CjSandbox cj = new CjSandbox(api.sandboxControl());

  @Test
  void aMalformedTokenIs400NamingTheTokenFieldAndStoresNothing() throws Exception {
    Store store = store("malformed", false);
    List<Object> malformed = List.of("", "   ", "a".repeat(4097), "short", 12345678901234567890.0,
        "abcdefghij klmnopqrstuvwxyz", "abcdefghij\u0007klmnopqrstuvwxyz", "abcdefghij\u0000klmnopqrstuvwxyz");

    for (Object token : malformed) {
      JsonHttp.Response response = enter(rest, store, new JsonObject().put("token", token));
      assertThat(response.status()).as(response.body()).isEqualTo(400);
      assertThat(response.json().getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("field"))
          .isEqualTo("token");
    }
    JsonHttp.Response missing = enter(rest, store, new JsonObject());
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("\"field\":\"token\"").contains("is required");
    assertThat(count("SELECT count(*) FROM stores WHERE token_enc IS NOT NULL")).isZero();
    assertThat(count("SELECT count(*) FROM audit_log WHERE action = 'store.token_entered'")).isZero();
  }

  @Test
  void aGoodTokenEnteredByASpecialistBecomesTheStoresItsCommissionsAreRetrievedAndItIsAudited() throws Exception {
    Store store = store("good", false);
    String token = cj.mintToken(store.email, store.cid);
    api.createAccount("spec-settings@agency.example", Fixtures.PASSWORD, "specialist");
    JsonHttp specialist = api.signIn("spec-settings@agency.example", Fixtures.PASSWORD);

    JsonHttp.Response response = enter(specialist, store, new JsonObject().put("token", token));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().getString("cjAccessToken")).isEqualTo("****" + last4(token));
    assertThat(response.json().getBoolean("verified")).isTrue();
    assertThat(response.body()).doesNotContain(token);
    JsonObject view = awaitRetrieval(store);
    assertThat(view.getJsonObject("commissions").getLong("count")).isEqualTo(sandboxCount(store)).isPositive();
    JsonObject settings = view.getJsonObject("settings");
    assertThat(settings.getString("cjAccessToken")).isEqualTo("****" + last4(token));
    assertThat(settings.getString("tokenEnteredBy")).isEqualTo("spec-settings@agency.example");
    assertThat(settings.getJsonArray("possiblyOrphanedTokens")).isEmpty();
    assertThat(listed(store).getString("onboarding")).isEqualTo("token_entered");
    JsonObject entry = auditEntries(store, 1).getJsonObject(0);
    assertThat(entry.getString("actor")).isEqualTo("spec-settings@agency.example");
    assertThat(entry.getJsonObject("detail").getString("cjAccessToken")).isEqualTo("****" + last4(token));
    assertThat(entry.encode()).doesNotContain(token);
  }

  @Test
  void aTokenForAnotherUsersCompanyOrARevokedOrMadeUpOneIs422AndTheCurrentTokenStays() throws Exception {
    Store store = store("refused", false);
    String current = cj.mintToken(store.email, store.cid);
    assertThat(enter(rest, store, new JsonObject().put("token", current)).status()).isEqualTo(200);
    String otherCid = cj.company(1);
    String otherUsersToken = cj.mintToken(cj.user(otherCid, Fixtures.PASSWORD), otherCid);
    String revoked = cj.mintToken(store.email, store.cid);
    assertThat(api.sandboxControl().post("/_sandbox/tokens/revoke", new JsonObject().put("token", revoked)).json()
        .getInteger("revoked")).isOne();

    JsonHttp.Response foreign = enter(rest, store, new JsonObject().put("token", otherUsersToken));
    JsonHttp.Response revokedAnswer = enter(rest, store, new JsonObject().put("token", revoked));
    JsonHttp.Response madeUp = enter(rest, store, new JsonObject().put("token", "Zz" + "9".repeat(38)));

    assertThat(foreign.status()).as(foreign.body()).isEqualTo(422);
    assertThat(foreign.json().getJsonObject("error").getString("code")).isEqualTo("token_not_allowed_for_company");
    assertThat(foreign.json().getJsonObject("error").getString("message")).contains("company " + store.cid)
        .contains("FORBIDDEN").doesNotContain(otherUsersToken);
    assertThat(revokedAnswer.status()).as(revokedAnswer.body()).isEqualTo(422);
    assertThat(revokedAnswer.json().getJsonObject("error").getString("code")).isEqualTo("token_unauthenticated");
    assertThat(revokedAnswer.body()).doesNotContain(revoked);
    assertThat(madeUp.status()).as(madeUp.body()).isEqualTo(422);
    assertThat(madeUp.json().getJsonObject("error").getString("code")).isEqualTo("token_unauthenticated");
    assertThat(madeUp.json().getJsonObject("error").getString("message")).contains("UNAUTHENTICATED");
    JsonObject settings = settings(store);
    assertThat(settings.getString("cjAccessToken")).isEqualTo("****" + last4(current));
    assertThat(settings.getJsonArray("possiblyOrphanedTokens")).isEmpty();
    auditEntries(store, 1);
  }

  @Test
  void replacingATokenByHandListsThePreviousOneForRevocationAndTheAuditLogSaysSo() throws Exception {
    Store store = store("replaced", false);
    String first = cj.mintToken(store.email, store.cid);
    String second = cj.mintToken(store.email, store.cid);
    assertThat(enter(rest, store, new JsonObject().put("token", first)).status()).isEqualTo(200);

    JsonHttp.Response response = enter(rest, store, new JsonObject().put("token", second));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    assertThat(response.json().getString("replaced")).isEqualTo("****" + last4(first));
    JsonObject settings = settings(store);
    assertThat(settings.getString("cjAccessToken")).isEqualTo("****" + last4(second));
    JsonArray listed = settings.getJsonArray("possiblyOrphanedTokens");
    assertThat(listed).hasSize(1);
    assertThat(listed.getJsonObject(0).getString("name")).isEqualTo("entered by hand (ending " + last4(first) + ")");
    assertThat(listed.getJsonObject(0).getString("reason")).isEqualTo("replaced by hand by api-key ADMIN_API_KEY");
    assertThat(listed.getJsonObject(0).getBoolean("kept")).isTrue();
    JsonObject latest = auditEntries(store, 2).getJsonObject(0);
    assertThat(latest.getString("action")).isEqualTo("store.token_entered");
    assertThat(latest.getJsonObject("detail").getString("cjAccessToken")).isEqualTo("****" + last4(second));
    assertThat(latest.getJsonObject("detail").getString("replaced")).isEqualTo("****" + last4(first));
  }

  /** Custody against a provisioning job that started before the entry: the entry is newer, the job's token is listed. */
  @Test
  void aLateTokenFromAJobStartedBeforeTheHandEntryIsListedAndNeverReplacesIt() throws Exception {
    Store store = store("race", true);
    String jobId = Fixtures.provision(rest, store.id);
    JsonObject claim = api.agent().post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "a")
        .put("waitSeconds", 5).put("max", 1)).json();
    long lease = claim.getJsonArray("jobs").getJsonObject(0).getLong("lease");
    assertThat(api.agent().post("/agent/v1/jobs/" + jobId + "/checkpoint", new JsonObject().put("lease", lease))
        .status()).isEqualTo(200);
    String captured = cj.mintToken(store.email, store.cid);
    String entered = cj.mintToken(store.email, store.cid);
    assertThat(enter(rest, store, new JsonObject().put("token", entered)).status()).isEqualTo(200);

    assertThat(api.agent().post("/agent/v1/jobs/" + jobId + "/token", new JsonObject().put("token", captured))
        .status()).isEqualTo(200);

    JsonObject job = api.awaitJob(jobId, Set.of("failed", "needs_attention", "succeeded"), TIMEOUT);
    assertThat(job.getJsonObject("error").getString("code")).as(job.encode()).isEqualTo("token_superseded");
    JsonObject settings = settings(store);
    assertThat(settings.getString("cjAccessToken")).isEqualTo("****" + last4(entered));
    assertThat(settings.getJsonArray("possiblyOrphanedTokens").stream().map(o -> ((JsonObject) o).getString("jobId")))
        .containsExactly(jobId);
    assertThat(listed(store).getString("onboarding")).as("the older job's end does not hide the hand entry")
        .isEqualTo("token_entered");

    JsonHttp.Response replacing = rest.post("/api/stores/" + store.id + "/provision", new JsonObject().put("replace", true));
    assertThat(replacing.status()).as(replacing.body()).isEqualTo(202);
    assertThat(listed(store).getString("onboarding")).as("a job queued after the entry shows").isEqualTo("queued");
    rest.post("/api/jobs/" + replacing.json().getString("jobId") + "/cancel", new JsonObject());
  }

  /** The store as the page's store list shows it. */
  private static JsonObject listed(Store store) {
    JsonObject list = rest.get("/api/stores?q=" + store.id).json();
    return list.getJsonArray("stores").stream().map(JsonObject.class::cast)
        .filter(s -> store.id.equals(s.getString("id"))).findFirst().orElseThrow();
  }

  @Test
  void anUnknownStoreIs404AndNoCallerIsAllowedWithoutCredentials() {
    JsonObject body = new JsonObject().put("token", "Zz" + "9".repeat(38));

    assertThat(rest.put("/api/stores/no-such-store/cj-access-token", body).status()).isEqualTo(404);
    assertThat(api.anonymous().put("/api/stores/no-such-store/cj-access-token", body).status()).isEqualTo(401);
  }

  private record Store(String id, String cid, String email) {
  }

  private static Store store(String id, boolean authorized) {
    String cid = cj.company(5);
    String email = cj.user(cid, Fixtures.PASSWORD);
    Fixtures.createStore(rest, id, cid, Fixtures.createLogin(rest, email, Fixtures.PASSWORD), authorized);
    return new Store(id, cid, email);
  }

  private static JsonHttp.Response enter(JsonHttp caller, Store store, JsonObject body) {
    return caller.put("/api/stores/" + store.id + "/cj-access-token", body);
  }

  private static JsonObject settings(Store store) {
    return rest.get("/api/stores/" + store.id).json().getJsonObject("settings");
  }

  /** The store's {@code store.token_entered} entries, newest first, once there are {@code n} (written as a reply ends). */
  private static JsonArray auditEntries(Store store, int n) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonArray entries = tokenEntries(store);
    while (entries.size() < n && System.nanoTime() < deadline) {
      Thread.sleep(50);
      entries = tokenEntries(store);
    }
    assertThat(entries).hasSize(n);
    return entries;
  }

  private static JsonArray tokenEntries(Store store) {
    return rest.get("/api/audit?target=store:" + store.id).json().getJsonArray("entries").stream()
        .map(JsonObject.class::cast).filter(e -> e.getString("action").equals("store.token_entered"))
        .collect(JsonArray::new, JsonArray::add, JsonArray::addAll);
  }

  private static JsonObject awaitRetrieval(Store store) throws InterruptedException {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonObject view = rest.get("/api/stores/" + store.id).json();
    while (view.getJsonObject("commissions").getString("lastRetrievedAt") == null && System.nanoTime() < deadline) {
      Thread.sleep(100);
      view = rest.get("/api/stores/" + store.id).json();
    }
    assertThat(view.getJsonObject("commissions").getString("lastRetrievedAt")).as(view.encode()).isNotNull();
    return view;
  }

  /** What the sandbox holds for the store's company over the window the (one) retrieval asked for. */
  private static long sandboxCount(Store store) throws SQLException {
    try (Connection db = TestDatabase.connect(); Statement sql = db.createStatement();
         ResultSet window = sql.executeQuery("SELECT since, before FROM commission_retrievals WHERE store_id = '"
             + store.id + "' AND job_id IS NULL AND state = 'succeeded'")) {
      assertThat(window.next()).isTrue();
      String since = window.getObject(1, OffsetDateTime.class).toInstant().toString();
      String before = window.getObject(2, OffsetDateTime.class).toInstant().toString();
      return api.sandboxControl().get("/_sandbox/companies/" + store.cid + "/commission-count?since=" + since
          + "&before=" + before).json().getLong("count");
    }
  }

  private static String last4(String token) {
    return token.substring(token.length() - 4);
  }
}
