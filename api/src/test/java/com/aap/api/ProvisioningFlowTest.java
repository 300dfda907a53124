package com.aap.api;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.CjSandbox;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static com.aap.api.testing.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API against the real sandbox: hand-over, verification, retrieval, and no plain secrets anywhere.
 * CJ's refusals are not waited out here ({@code TOKEN_REFUSAL_PATIENCE_SECONDS=0}); {@code CustodyTest} waits.
 */
class ProvisioningFlowTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withSandboxCj()
      .configured(config -> config.withJobs(config.jobs().withRefusalPatienceSeconds(0)));
  private static final JsonHttp control = api.sandboxControl();
  private static final CjSandbox cj = new CjSandbox(control);
  private static final JsonHttp rest = api.rest();
  private static final JsonHttp agent = api.agent();
  private static ListAppender<ILoggingEvent> apiLogs;
  private final List<String> restResponses = new ArrayList<>();

  @BeforeAll
  static void captureLogs() {
    apiLogs = new ListAppender<>() {
      @Override
      protected void append(ILoggingEvent event) {
        event.prepareForDeferredProcessing(); // takes the logging context (MDC) now, on the logging thread
        super.append(event);
      }
    };
    apiLogs.start();
    ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).addAppender(apiLogs);
  }

  @BeforeEach
  void resetSandboxPageLimit() {
    assertThat(control.put("/_sandbox/config", new JsonObject().put("pageLimit", 10_000)).status()).isEqualTo(200);
  }

  @Test
  void aHandedOverTokenIsVerifiedStoredMaskedAndItsCommissionsRetrievedOnce() throws Exception {
    String cid = company(1000);
    String email = user(cid);
    assertThat(control.put("/_sandbox/config", new JsonObject().put("pageLimit", 100)).status()).isEqualTo(200);
    String storeId = store("flow", cid, email);

    String token = runJob(storeId, email, cid);

    JsonObject store = get("/api/stores/" + storeId);
    JsonObject settings = store.getJsonObject("settings");
    assertThat(settings.getString("cjAccessToken")).isEqualTo("****" + token.substring(token.length() - 4));
    assertThat(settings.getString("tokenName")).isEqualTo("affiliate_advertiser_pro_app");
    assertThat(settings.getString("tokenVerifiedAt")).isNotNull();

    JsonObject retrieval = awaitRetrievals(1).get(0);
    long expected = sandboxCount(cid, retrieval.getString("since"), retrieval.getString("before"));
    assertThat(expected).isGreaterThan(100);
    assertThat(retrieval.getInteger("pages")).isGreaterThan(4);
    assertThat(get("/api/stores/" + storeId).getJsonObject("commissions").getLong("count")).isEqualTo(expected);
    assertThat(get("/api/stores/" + storeId).getJsonObject("commissions").getString("lastRetrievedAt")).isNotNull();
    assertThat(count("SELECT count(*) FROM commissions WHERE original = false")).isPositive();

    String secondToken = runJob(storeId, email, cid, true);
    JsonArray replaced = get("/api/stores/" + storeId).getJsonObject("settings").getJsonArray("possiblyOrphanedTokens");
    assertThat(replaced).hasSize(1);
    assertThat(replaced.getJsonObject(0).getString("reason")).startsWith("replaced by job");
    JsonObject second = awaitRetrievals(2).get(1);
    assertThat(second.getInteger("inserted")).isZero();
    assertThat(get("/api/stores/" + storeId).getJsonObject("commissions").getLong("count")).isEqualTo(expected);

    assertNowherePlain(List.of(Fixtures.PASSWORD, token, secondToken));
  }

  @Test
  void aTokenUnknownToCjFailsTheJobAsRejected() throws Exception {
    String cid = company(10);
    String email = user(cid);
    String storeId = store("unknown-token", cid, email);
    String jobId = Fixtures.provision(rest, storeId);
    agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "a").put("waitSeconds", 0));

    assertThat(handOver(jobId, "Z".repeat(40)).status()).isEqualTo(200);

    JsonObject job = api.awaitJob(jobId, Set.of("failed", "succeeded", "needs_attention"), TIMEOUT);
    assertThat(job.getString("state")).isEqualTo("failed");
    assertThat(job.getJsonObject("error").getString("code")).isEqualTo("token_rejected_by_cj");
    // kept, encrypted, for a person to revoke, and off the job so that a retry can bring another
    assertThat(count("SELECT count(*) FROM captured_tokens")).isZero();
    JsonObject settings = get("/api/stores/" + storeId).getJsonObject("settings");
    assertThat(settings.getValue("cjAccessToken")).isNull();
    assertThat(settings.getJsonArray("possiblyOrphanedTokens")).hasSize(1);
    assertThat(settings.getJsonArray("possiblyOrphanedTokens").getJsonObject(0).getBoolean("kept")).isTrue();
    assertThat(rest.post("/api/jobs/" + jobId + "/retry", new JsonObject()).status()).isEqualTo(200);
  }

  @Test
  void aTokenWhoseUserCannotSeeTheCompanyIsRejected() {
    String cid = company(10);
    String otherCid = company(10);
    String email = user(otherCid);
    String storeId = store("forbidden", cid, email);
    String jobId = Fixtures.provision(rest, storeId);
    agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "a").put("waitSeconds", 0));

    handOver(jobId, mintToken(email, otherCid));

    JsonObject job = api.awaitJob(jobId, Set.of("failed", "succeeded", "needs_attention"), TIMEOUT);
    assertThat(job.getJsonObject("error").getString("code")).isEqualTo("token_rejected_by_cj");
  }

  private String runJob(String storeId, String email, String cid) {
    return runJob(storeId, email, cid, false);
  }

  /**
   * Provisions ({@code replace}: over the store's verified token), claims, mints a token at the sandbox as
   * the browser would, hands it over; returns it.
   */
  private String runJob(String storeId, String email, String cid, boolean replace) {
    JsonHttp.Response provisioned = rest.post("/api/stores/" + storeId + "/provision",
        new JsonObject().put("replace", replace));
    assertThat(provisioned.status()).as(provisioned.body()).isEqualTo(202);
    String jobId = provisioned.json().getString("jobId");
    JsonObject claim = agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "a").put("waitSeconds", 5)).json();
    assertThat(claim.getString("jobId")).isEqualTo(jobId);
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/steps", new JsonObject().put("name", "registering")
        .put("lease", claim.getLong("lease"))).status())
        .isEqualTo(200);
    String token = mintToken(email, cid);
    JsonHttp.Response stored = handOver(jobId, token);
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);

    JsonObject job = api.awaitJob(jobId, Set.of("succeeded", "failed", "needs_attention"), TIMEOUT);
    restResponses.add(job.encode());
    assertThat(job.getString("state")).as(job.encode()).isEqualTo("succeeded");
    assertThat(job.getJsonArray("steps").stream().map(s -> ((JsonObject) s).getString("name"))).containsExactly(
        "queued", "claimed", "registering", "token_stored", "token_verified", "succeeded", "retrieval_queued");
    assertThat(apiLogs.list).as("the API's lines naming the job carry its id as the field jobId")
        .filteredOn(e -> e.getLoggerName().startsWith("com.aap.api") && e.getFormattedMessage().contains(jobId))
        .allSatisfy(e -> assertThat(e.getMDCPropertyMap()).as(e.getFormattedMessage()).containsEntry("jobId", jobId))
        .extracting(ILoggingEvent::getFormattedMessage)
        .anyMatch(line -> line.contains(" queued for store ")).anyMatch(line -> line.contains(" claimed by agent "));
    return token;
  }

  private JsonHttp.Response handOver(String jobId, String token) {
    return agent.post("/agent/v1/jobs/" + jobId + "/token", new JsonObject().put("token", token));
  }

  private JsonObject get(String path) {
    JsonHttp.Response response = rest.get(path);
    restResponses.add(response.body());
    return response.json();
  }

  private String store(String id, String cid, String email) {
    JsonHttp.Response login = rest.post("/api/cj-logins", new JsonObject().put("email", email).put("password", Fixtures.PASSWORD));
    restResponses.add(login.body());
    JsonHttp.Response store = rest.post("/api/stores", Fixtures.store(id, cid, login.json().getString("id"), true));
    restResponses.add(store.body());
    assertThat(store.status()).isEqualTo(201);
    return id;
  }

  private static String company(int commissions) {
    return cj.company(commissions);
  }

  private static String user(String cid) {
    return cj.user(cid, Fixtures.PASSWORD);
  }

  private static String mintToken(String email, String cid) {
    return cj.mintToken(email, cid);
  }

  private static long sandboxCount(String cid, String since, String before) {
    JsonHttp.Response response = control.get("/_sandbox/companies/" + cid + "/commission-count?since="
        + URLEncoder.encode(since, StandardCharsets.UTF_8) + "&before=" + URLEncoder.encode(before, StandardCharsets.UTF_8));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().getLong("count");
  }

  /** Waits until {@code n} retrievals have finished; returns them in order. */
  private static List<JsonObject> awaitRetrievals(int n) throws Exception {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      List<JsonObject> finished = new ArrayList<>();
      try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement();
           ResultSet rs = st.executeQuery("SELECT state, since, before, pages, records, inserted, error"
               + " FROM commission_retrievals WHERE finished_at IS NOT NULL ORDER BY id")) {
        while (rs.next()) {
          assertThat(rs.getString("state")).as(rs.getString("error")).isEqualTo("succeeded");
          finished.add(new JsonObject()
              .put("since", rs.getTimestamp("since").toInstant().toString())
              .put("before", rs.getTimestamp("before").toInstant().toString())
              .put("pages", rs.getInt("pages")).put("records", rs.getInt("records"))
              .put("inserted", rs.getInt("inserted")));
        }
      }
      if (finished.size() >= n) return finished;
      Thread.sleep(100);
    }
    throw new AssertionError("fewer than " + n + " retrievals finished within " + TIMEOUT);
  }

  private void assertNowherePlain(List<String> secrets) throws Exception {
    try (Connection conn = TestDatabase.connect()) {
      List<String[]> columns = new ArrayList<>();
      try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(
          "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'"
              + " AND data_type IN ('text', 'character varying', 'bytea', 'jsonb', 'json')")) {
        while (rs.next()) columns.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
      }
      assertThat(columns).extracting(c -> c[0]).contains("cj_logins", "stores", "captured_tokens", "commissions");
      for (String[] c : columns) {
        String match = c[2].equals("bytea") ? "position(convert_to(?, 'UTF8') in \"" + c[1] + "\") > 0"
            : "strpos(\"" + c[1] + "\"::text, ?) > 0";
        for (String secret : secrets) {
          try (PreparedStatement ps = conn.prepareStatement("SELECT count(*) FROM \"" + c[0] + "\" WHERE " + match)) {
            ps.setString(1, secret);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              assertThat(rs.getLong(1)).as("plain secret in %s.%s", c[0], c[1]).isZero();
            }
          }
        }
      }
    }
    List<String> logLines = apiLogs.list.stream().filter(e -> e.getLoggerName().startsWith("com.aap.api"))
        .map(e -> e.getFormattedMessage() + " " + e.getThrowableProxy()).toList();
    assertThat(logLines).isNotEmpty();
    for (String secret : secrets) {
      assertThat(restResponses).noneMatch(body -> body != null && body.contains(secret));
      assertThat(logLines).noneMatch(line -> line.contains(secret));
    }
  }
}
