package com.aap.api;

import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestApi;
import com.aap.api.testing.TestDatabase;
import com.aap.api.vault.Vault;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-over is durable: a token captured while CJ was unreachable is verified after a restart. */
class RestartTest {

  @Test
  void aCapturedTokenIsVerifiedWhenTheApiStartsAgain() {
    TestDatabase.reset();
    String keyset = Vault.generateDevelopmentKeyset();
    try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.forTests())) {
      JsonHttp control = new JsonHttp(sandbox.baseUrl(), null);
      control.post("/_sandbox/companies", new JsonObject().put("cid", "7000001").put("name", "Restart Co").put("commissions", 20));
      control.post("/_sandbox/users", new JsonObject().put("email", "restart@agency.example")
          .put("password", Fixtures.PASSWORD).put("cids", new JsonArray().add("7000001")));
      String token = control.post("/_sandbox/tokens",
          new JsonObject().put("email", "restart@agency.example").put("name", "app")).json().getString("token");

      String jobId;
      try (TestApi first = TestApi.start("http://localhost:9/query", c -> c.withVaultKeyset(keyset))) {
        String storeId = Fixtures.authorizedStore(first.rest(), "restart", "7000001");
        jobId = Fixtures.provision(first.rest(), storeId);
        first.agent().post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "a").put("waitSeconds", 0));
        assertThat(first.agent().post("/agent/v1/jobs/" + jobId + "/token", new JsonObject().put("token", token)).status())
            .isEqualTo(200);
        assertThat(first.rest().get("/api/jobs/" + jobId).json().getString("state")).isEqualTo("running");
      }

      try (TestApi second = TestApi.start(sandbox.baseUrl() + "/query", c -> c.withVaultKeyset(keyset))) {
        JsonObject job = second.awaitJob(jobId, Set.of("succeeded", "failed", "needs_attention"), Duration.ofSeconds(15));
        assertThat(job.getString("state")).isEqualTo("succeeded");
      }
    }
  }
}
