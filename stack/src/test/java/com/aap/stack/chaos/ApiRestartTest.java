package com.aap.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.Agent;
import com.aap.api.JobSettings;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestDatabase;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The API goes away while agents hold freshly read tokens (the agents' test pause holds them between
 * Register and hand-over): the agents keep retrying, and every token lands once the API is back.
 */
class ApiRestartTest {

  private static final int PROVISIONS = 6;

  @Test
  void handOversDuringAnApiRestartAllLandWithoutLossOrDuplicates() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.forTests());
         ChaosApi api = new ChaosApi(TestDatabase.url(), sandbox.baseUrl() + "/query",
             JobSettings.defaults().withLeaseSeconds(10).withBackoffBaseMillis(200));
         Agent agent = Chaos.inProcessAgent(api.baseUrl(), sandbox.baseUrl() + "/", 3,
             "AGENT_TEST_PAUSE_AFTER", "token_read:2500")) {
      JsonHttp control = new JsonHttp(sandbox.baseUrl(), null);
      List<Advertiser> advertisers = new ArrayList<>();
      for (int i = 0; i < PROVISIONS; i++) {
        Advertiser advertiser = Advertiser.create(control, api.rest());
        advertiser.provision(api.rest());
        advertisers.add(advertiser);
      }
      awaitTokensIssued(advertisers, 3);

      api.restart(4_000);

      BatchOutcome outcome = BatchOutcome.of(advertisers, api::rest, sandbox.baseUrl(), Duration.ofSeconds(120));
      assertThat(outcome.count("succeeded")).as("%s", outcome).isEqualTo(PROVISIONS);
      assertThat(outcome.issued()).as("one token per store: none registered twice").isEqualTo(PROVISIONS);
      assertThat(outcome.workingStored()).isEqualTo(PROVISIONS);
      assertThat(outcome.lost()).isZero();
      assertThat(outcome.duplicates()).isZero();
    }
  }

  private static void awaitTokensIssued(List<Advertiser> advertisers, int atLeast) {
    for (int waited = 0; waited < 300; waited++) {
      if (advertisers.stream().filter(a -> !a.tokensIssued().isEmpty()).count() >= atLeast) return;
      Chaos.pause(100);
    }
    throw new AssertionError("the agents did not read " + atLeast + " tokens in time");
  }
}
