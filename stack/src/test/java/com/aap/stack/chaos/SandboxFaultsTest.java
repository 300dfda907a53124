package com.aap.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.Agent;
import com.aap.api.JobSettings;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestDatabase;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each sandbox fault mode ends the job in the state and with the error code docs/design.md promises. */
class SandboxFaultsTest {

  private static final Duration END = Duration.ofSeconds(90);
  /** Short, so that the pages only a person passes end the job as before, after a wait nobody used. */
  private static final int TAKE_OVER_WAIT_SECONDS = 2;
  private static SandboxServer sandbox;
  private static JsonHttp control;
  private static ChaosApi api;
  private static Agent agent;

  @BeforeAll
  static void start() {
    sandbox = SandboxServer.start(SandboxConfig.forTests());
    control = new JsonHttp(sandbox.baseUrl(), null);
    api = new ChaosApi(TestDatabase.url(), sandbox.baseUrl() + "/query",
        JobSettings.defaults().withLeaseSeconds(10).withBackoffBaseMillis(100).withMaxAttempts(2)
            .withTakeOverWaitSeconds(TAKE_OVER_WAIT_SECONDS));
    agent = Chaos.inProcessAgent(api.baseUrl(), sandbox.baseUrl() + "/", 2, "AGENT_PAGE_TIMEOUT_SECONDS", "3");
  }

  @AfterAll
  static void stop() {
    agent.close();
    api.close();
    sandbox.close();
  }

  @AfterEach
  void clearFaults() {
    control.send("DELETE", "/_sandbox/faults", null);
  }

  @Test
  void aCaptchaNobodyTakesOverNeedsAttentionWithAMaskedScreenshotAndFreesTheSignInSlot() throws Exception {
    Advertiser advertiser = Advertiser.create(control, api.rest()).withFaults(new JsonObject().put("captcha", true));
    String jobId = advertiser.provision(api.rest());
    awaitState(advertiser, "waiting_for_person");
    assertThat(signInSlotHolder(jobId)).as("sign-in slot held while waiting for a person").isNotNull();

    JsonObject job = advertiser.awaitEnd(api::rest, END);

    assertEnded(job, "needs_attention", "cj_captcha");
    assertThat(job.getJsonObject("error").getString("message"))
        .contains("nobody took over within " + TAKE_OVER_WAIT_SECONDS + " s");
    assertThat(signInSlotHolder(jobId)).as("sign-in slot released").isNull();
    assertThat(job.getJsonObject("error").getString("step")).isEqualTo("signing_in");
    assertThat(job.getBoolean("hasScreenshot")).isTrue();
    assertThat(api.rest().get("/api/jobs/" + job.getString("id") + "/screenshot").status()).isEqualTo(200);
  }

  @Test
  void aSecondFactorPageForALoginWithoutTotpNeedsAttention() {
    JsonObject job = run(new JsonObject().put("secondFactor", true));

    assertEnded(job, "needs_attention", "cj_second_factor_required");
    assertThat(job.getBoolean("hasScreenshot")).isTrue();
  }

  @Test
  void aChangedLayoutNeedsAttentionNamingTheStep() {
    JsonObject job = run(new JsonObject().put("changedLayout", true));

    assertEnded(job, "needs_attention", "unexpected_page");
    assertThat(job.getJsonObject("error").getString("step")).as("before the registering checkpoint")
        .isEqualTo("company_selected");
    assertThat(job.getJsonObject("error").getString("message")).contains("registerButton");
    assertThat(job.getBoolean("hasScreenshot")).isTrue();
  }

  @Test
  void aRegisterThatKeepsFailingWith500IsRetriedThenFails() {
    JsonObject job = run(new JsonObject().put("registerFailures", -1));

    assertEnded(job, "failed", "cj_server_error");
    assertThat(job.getInteger("attempts")).isEqualTo(2);
    assertThat(job.getBoolean("hasScreenshot")).as("transient failures carry no screenshot").isFalse();
  }

  @Test
  void aRegisterThatFailsOnceSucceedsUnderADistinctNameListingTheFirst() {
    Advertiser advertiser = Advertiser.create(control, api.rest()).withFaults(new JsonObject().put("registerFailures", 1));
    advertiser.provision(api.rest());
    JsonObject job = advertiser.awaitEnd(api::rest, END);

    assertThat(job.getString("state")).as(job.encode()).isEqualTo("succeeded");
    TokenAudit audit = TokenAudit.of(advertiser, api.rest(), sandbox.baseUrl());
    assertThat(audit.issued()).isEqualTo(1);
    assertThat(audit.storedTokenWorks()).isTrue();
    assertThat(audit.orphansListed()).as("the first attempt's name is listed: CJ might have issued it").isEqualTo(1);
    assertThat(advertiser.store(api.rest()).getJsonObject("settings").getString("tokenName"))
        .isNotEqualTo("affiliate_advertiser_pro_app");
  }

  @Test
  void slowPagesAreTransientAndFailAfterTheLastAttempt() {
    control.put("/_sandbox/faults", new JsonObject().put("slowPagesMs", 8_000));
    JsonObject job = run(new JsonObject());

    assertEnded(job, "failed", "cj_slow");
    assertThat(job.getInteger("attempts")).isEqualTo(2);
  }

  @Test
  void aCommissionApiFailingAFewCallsStillSucceeds() {
    Advertiser advertiser = Advertiser.create(control, api.rest()).withFaults(new JsonObject().put("commissionFailures", 3));
    advertiser.provision(api.rest());

    JsonObject job = advertiser.awaitEnd(api::rest, END);

    assertThat(job.getString("state")).as(job.encode()).isEqualTo("succeeded");
    assertThat(control.get("/_sandbox/faults").json().getJsonObject("users").getJsonObject(advertiser.email)
        .getInteger("commissionFailures")).as("all three failures were served").isZero();
  }

  private static void awaitState(Advertiser advertiser, String state) throws InterruptedException {
    Instant end = Instant.now().plus(END);
    while (!advertiser.job(api.rest()).getString("state").equals(state)) {
      assertThat(Instant.now()).as("job reaches " + state).isBefore(end);
      Thread.sleep(100);
    }
  }

  /** The CJ login whose sign-in slot the job holds, or null. */
  private static String signInSlotHolder(String jobId) throws SQLException {
    try (Connection conn = TestDatabase.connect();
         PreparedStatement query = conn.prepareStatement("SELECT signing_in_login FROM jobs WHERE id = ?::uuid")) {
      query.setString(1, jobId);
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  private static JsonObject run(JsonObject faults) {
    Advertiser advertiser = Advertiser.create(control, api.rest()).withFaults(faults);
    advertiser.provision(api.rest());
    return advertiser.awaitEnd(api::rest, END);
  }

  private static void assertEnded(JsonObject job, String state, String code) {
    assertThat(job.getString("state")).as(job.encode()).isEqualTo(state);
    assertThat(job.getJsonObject("error").getString("code")).as(job.encode()).isEqualTo(code);
  }
}
