package com.aap.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A CJ login's jobs go to the claimant holding its signed-in session, and to no other meanwhile. */
class LoginAffinityTest {

  private static final int LEASE_SECONDS = 3;

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable()
      .configured(c -> c.withJobs(JobSettings.defaults().withLeaseSeconds(LEASE_SECONDS)));
  private static final JsonHttp rest = api.rest();
  private static final JsonHttp agent = api.agent();

  @Test
  void aLoginHeldByOneClaimantIsNotGivenToAnother() {
    String login = Fixtures.createLogin(rest, "held@agency.example", Fixtures.PASSWORD);
    provisionStore("held-1", login);
    provisionStore("held-2", login);
    JsonObject first = claim("worker-a", new JsonArray());

    JsonHttp.Response other = claimResponse("worker-b", new JsonArray());
    JsonObject next = claim("worker-a", new JsonArray().add(login));

    assertThat(first.getJsonObject("login").getString("id")).isEqualTo(login);
    assertThat(other.status()).as("worker-b waits while worker-a holds the login").isEqualTo(204);
    assertThat(next.getString("storeId")).isEqualTo("held-2");
  }

  @Test
  void theJobsOfAHeldLoginComeFirst() {
    String older = Fixtures.createLogin(rest, "older@agency.example", Fixtures.PASSWORD);
    String held = Fixtures.createLogin(rest, "mine@agency.example", Fixtures.PASSWORD);
    provisionStore("older-1", older);
    provisionStore("mine-1", held);

    JsonObject claimed = claim("worker-a", new JsonArray().add(held));

    assertThat(claimed.getString("storeId")).isEqualTo("mine-1");
  }

  @Test
  void theLoginUsedLastComesBeforeOtherHeldLogins() {
    String earlier = Fixtures.createLogin(rest, "earlier@agency.example", Fixtures.PASSWORD);
    String current = Fixtures.createLogin(rest, "current@agency.example", Fixtures.PASSWORD);
    provisionStore("earlier-1", earlier);
    provisionStore("current-1", current);

    JsonObject claimed = claim("worker-a", new JsonArray().add(current).add(earlier));

    assertThat(claimed.getString("storeId")).as("heldLogins lists the login used last first").isEqualTo("current-1");
  }

  @Test
  void aLoginIsFreeForOthersOnceItsHoldHasLapsed() throws InterruptedException {
    String login = Fixtures.createLogin(rest, "lapsed@agency.example", Fixtures.PASSWORD);
    provisionStore("lapsed-1", login);
    provisionStore("lapsed-2", login);
    claim("worker-a", new JsonArray());

    Thread.sleep(LEASE_SECONDS * 1_000L + 300);

    assertThat(claim("worker-b", new JsonArray()).getJsonObject("login").getString("id")).isEqualTo(login);
  }

  @Test
  void aClaimWithMaxTakesSeveralJobsOfOneLoginOldestFirst() {
    String busy = Fixtures.createLogin(rest, "busy@agency.example", Fixtures.PASSWORD);
    String other = Fixtures.createLogin(rest, "other@agency.example", Fixtures.PASSWORD);
    provisionStore("busy-1", busy);
    provisionStore("other-1", other);
    provisionStore("busy-2", busy);
    provisionStore("busy-3", busy);
    provisionStore("busy-4", busy);

    JsonHttp.Response response = agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "worker-a")
        .put("waitSeconds", 0).put("heldLogins", new JsonArray().add(busy)).put("max", 3));

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    JsonArray jobs = response.json().getJsonArray("jobs");
    assertThat(jobs.stream().map(job -> ((JsonObject) job).getString("storeId")))
        .containsExactly("busy-1", "busy-2", "busy-3");
    assertThat(jobs.stream().map(job -> ((JsonObject) job).getLong("lease"))).allMatch(lease -> lease > 0);
    assertThat(claim("worker-b", new JsonArray()).getString("storeId"))
        .as("the other login's job is free; busy-4 stays with worker-a's login").isEqualTo("other-1");
  }

  @Test
  void workersOfOneAgentShareItsLoginsButOtherAgentsWait() {
    String shared = Fixtures.createLogin(rest, "shared@agency.example", Fixtures.PASSWORD);
    provisionStore("shared-1", shared);
    provisionStore("shared-2", shared);
    provisionStore("shared-3", shared);

    JsonHttp.Response first = claimAs("agent-a-w0", "agent-a");
    JsonHttp.Response otherAgent = claimAs("agent-b-w0", "agent-b");
    JsonHttp.Response sameAgent = claimAs("agent-a-w1", "agent-a");

    assertThat(first.json().getString("storeId")).isEqualTo("shared-1");
    assertThat(otherAgent.status()).as("agent-b waits while agent-a holds the login").isEqualTo(204);
    assertThat(sameAgent.status()).as(sameAgent.body()).isEqualTo(200);
    assertThat(sameAgent.json().getString("storeId")).isEqualTo("shared-2");
  }

  @Test
  void aWorkerWithoutSessionsTakesTheLoginWithTheFewestRunningJobs() {
    String first = Fixtures.createLogin(rest, "first@agency.example", Fixtures.PASSWORD);
    String second = Fixtures.createLogin(rest, "second@agency.example", Fixtures.PASSWORD);
    provisionStore("first-1", first);
    provisionStore("first-2", first);
    provisionStore("second-1", second);

    JsonHttp.Response a = claimAs("agent-a-w0", "agent-a");
    JsonHttp.Response b = claimAs("agent-a-w1", "agent-a");

    assertThat(a.json().getString("storeId")).isEqualTo("first-1");
    assertThat(b.json().getString("storeId")).as("the idle login before the older job of a busy one")
        .isEqualTo("second-1");
  }

  @Test
  void maxMustBeASmallWholeNumber() {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/claim",
        new JsonObject().put("agentId", "worker-a").put("max", 0));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("max").contains("from 1 to 10");
  }

  @Test
  void heldLoginsMustBeLoginIds() {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/claim",
        new JsonObject().put("agentId", "worker-a").put("heldLogins", new JsonArray().add("not-a-uuid")));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.body()).contains("heldLogins");
  }

  private static void provisionStore(String storeId, String loginId) {
    Fixtures.createStore(rest, storeId, "1000001", loginId, true);
    Fixtures.provision(rest, storeId);
  }

  private static JsonObject claim(String agentId, JsonArray heldLogins) {
    JsonHttp.Response response = claimResponse(agentId, heldLogins);
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static JsonHttp.Response claimAs(String agentId, String holder) {
    return agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", agentId).put("holder", holder)
        .put("waitSeconds", 0));
  }

  private static JsonHttp.Response claimResponse(String agentId, JsonArray heldLogins) {
    return agent.post("/agent/v1/jobs/claim",
        new JsonObject().put("agentId", agentId).put("waitSeconds", 0).put("heldLogins", heldLogins));
  }
}
