package com.aap.api.testing;

import io.vertx.core.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/** Plays the agent's part of a provisioning job over the agent protocol: claim, checkpoint, hand the token over. */
public final class StandInAgent {

  private final JsonHttp agent;

  public StandInAgent(JsonHttp agent) {
    this.agent = agent;
  }

  /** Claims the next job (it must be {@code jobId}), passes the registering checkpoint and hands {@code token} over. */
  public void handOver(String jobId, String token) {
    JsonObject claim = agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "stand-in").put("waitSeconds", 5))
        .json();
    assertThat(claim).as("a job to claim").isNotNull();
    assertThat(claim.getString("jobId")).isEqualTo(jobId);
    JsonHttp.Response checkpoint = agent.post("/agent/v1/jobs/" + jobId + "/checkpoint",
        new JsonObject().put("lease", claim.getLong("lease")));
    assertThat(checkpoint.status()).as(checkpoint.body()).isEqualTo(200);
    JsonHttp.Response stored = agent.post("/agent/v1/jobs/" + jobId + "/token", new JsonObject().put("token", token));
    assertThat(stored.status()).as(stored.body()).isEqualTo(200);
  }
}
