package com.aap.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.Agent;
import com.aap.api.JobSettings;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestDatabase;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SIGKILLs an agent's JVM at each point of the flow (held there by the agent's test pause), then lets a
 * fresh agent finish: the store ends with exactly one working token, and every token the sandbox issued
 * is that one or is listed on the store as possibly orphaned.
 */
class AgentKilledAtEachStepTest {

  private static final int LEASE_SECONDS = 4;
  private static SandboxServer sandbox;
  private static JsonHttp control;
  private static ChaosApi api;

  @BeforeAll
  static void start() {
    sandbox = SandboxServer.start(SandboxConfig.forTests());
    control = new JsonHttp(sandbox.baseUrl(), null);
    api = new ChaosApi(TestDatabase.url(), sandbox.baseUrl() + "/query",
        JobSettings.defaults().withLeaseSeconds(LEASE_SECONDS).withBackoffBaseMillis(200).withMaxAttempts(3));
  }

  @AfterAll
  static void stop() {
    api.close();
    sandbox.close();
  }

  @ParameterizedTest(name = "killed after {0}")
  @ValueSource(strings = {"claimed", "signing_in", "signed_in", "company_selected", "registering", "token_read",
      "handed_over"})
  void aKilledAgentsJobEndsWithOneWorkingTokenAndEveryIssuedTokenAccountedFor(String step) {
    Advertiser advertiser = Advertiser.create(control, api.rest());
    AgentProcess victim = AgentProcess.start(api.baseUrl(), sandbox.baseUrl() + "/", "victim-" + step,
        AgentProcess.settings("AGENT_TEST_PAUSE_AFTER", step + ":120000"));
    try {
      advertiser.provision(api.rest());
      awaitReached(advertiser, step);
    } finally {
      victim.kill();
    }

    JsonObject job;
    try (Agent rescuer = Chaos.inProcessAgent(api.baseUrl(), sandbox.baseUrl() + "/", 1)) {
      job = advertiser.awaitEnd(api::rest, Duration.ofSeconds(60));
    }

    assertThat(job.getString("state")).as(job.encode()).isEqualTo("succeeded");
    TokenAudit audit = TokenAudit.of(advertiser, api.rest(), sandbox.baseUrl());
    assertThat(audit.stored()).as("the store holds a token").isTrue();
    assertThat(audit.storedTokenWorks()).as("the stored token works against the sandbox").isTrue();
    assertThat(audit.lost()).as("issued tokens neither stored nor listed: %s", audit).isZero();
    if (step.equals("token_read")) {
      assertThat(audit.issued()).as("the killed agent's token was issued and is listed").isEqualTo(2);
      assertThat(audit.orphansListed()).isEqualTo(1);
    }
    if (step.equals("handed_over")) {
      assertThat(job.getInteger("attempts")).as("resumed after the hand-over: no second browser run").isEqualTo(1);
      assertThat(audit.issued()).isEqualTo(1);
    }
  }

  private static void awaitReached(Advertiser advertiser, String step) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (step.equals("token_read") ? !advertiser.tokensIssued().isEmpty() : hasStep(advertiser, apiStep(step))) return;
      Chaos.pause(100);
    }
    throw new AssertionError("the agent did not reach " + step + ": " + advertiser.job(api.rest()));
  }

  private static String apiStep(String agentStep) {
    return agentStep.equals("handed_over") ? "token_stored" : agentStep;
  }

  private static boolean hasStep(Advertiser advertiser, String name) {
    return advertiser.job(api.rest()).getJsonArray("steps").stream()
        .anyMatch(s -> name.equals(((JsonObject) s).getString("name")));
  }
}
