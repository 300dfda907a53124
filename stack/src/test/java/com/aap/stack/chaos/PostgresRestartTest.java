package com.aap.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.Agent;
import com.aap.api.JobSettings;
import com.aap.api.testing.JsonHttp;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL stops and starts again in the middle of a batch of provisions: nothing is lost or doubled. */
class PostgresRestartTest {

  private static final int PROVISIONS = 50;

  @Test
  void aBatchSurvivesAPostgresRestartWithEveryJobSucceededAndNoTokenLost() {
    try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.forTests());
         RestartablePostgres postgres = RestartablePostgres.startMigrated();
         ChaosApi api = new ChaosApi(postgres.url(), sandbox.baseUrl() + "/query",
             JobSettings.defaults().withLeaseSeconds(5).withBackoffBaseMillis(200).withMaxAttempts(5));
         Agent agent = Chaos.inProcessAgent(api.baseUrl(), sandbox.baseUrl() + "/", 3)) {
      JsonHttp control = new JsonHttp(sandbox.baseUrl(), null);
      List<Advertiser> advertisers = new ArrayList<>();
      for (int i = 0; i < PROVISIONS; i++) {
        Advertiser advertiser = Advertiser.create(control, api.rest());
        advertiser.provision(api.rest());
        advertisers.add(advertiser);
      }
      awaitSucceeded(advertisers, api, PROVISIONS / 4);

      postgres.restart(1_500);

      BatchOutcome outcome = BatchOutcome.of(advertisers, api::rest, sandbox.baseUrl(), Duration.ofSeconds(180));
      assertThat(outcome.count("succeeded")).as("%s", outcome).isEqualTo(PROVISIONS);
      assertThat(outcome.workingStored()).isEqualTo(PROVISIONS);
      assertThat(outcome.lost()).isZero();
      assertThat(outcome.duplicates()).isZero();
    }
  }

  static void awaitSucceeded(List<Advertiser> advertisers, ChaosApi api, int atLeast) {
    for (int waited = 0; waited < 600; waited++) {
      long done = advertisers.stream().filter(a -> "succeeded".equals(a.job(api.rest()).getString("state"))).count();
      if (done >= atLeast) return;
      Chaos.pause(200);
    }
    throw new AssertionError("fewer than " + atLeast + " jobs succeeded in time");
  }
}
