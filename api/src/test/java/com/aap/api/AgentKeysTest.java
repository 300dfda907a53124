package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.aap.api.testing.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;

/** Agent keys registered by admins: shown once, stored as digests, refused the moment they are revoked. */
class AgentKeysTest {

  private static final JsonObject CLAIM = new JsonObject().put("agentId", "agent-1").put("waitSeconds", 0);

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();

  private static JsonObject create(String name) {
    JsonHttp.Response response = api.rest().post("/api/agent-keys", new JsonObject().put("name", name));
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response.json();
  }

  @Test
  void aRegisteredKeyIsShownOnceAndOpensTheAgentProtocol() throws Exception {
    JsonObject created = create("agent-eu-1");
    String key = created.getString("key");

    assertThat(key).startsWith("aap_agent_").hasSizeGreaterThanOrEqualTo(32 + "aap_agent_".length());
    assertThat(new JsonHttp(api.baseUrl(), key).post("/agent/v1/jobs/claim", CLAIM).status()).isEqualTo(204);
    JsonObject listed = api.rest().get("/api/agent-keys").json().getJsonArray("agentKeys").getJsonObject(0);
    assertThat(listed.getString("name")).isEqualTo("agent-eu-1");
    assertThat(listed.getString("key")).isEqualTo("****" + key.substring(key.length() - 4));
    assertThat(listed.getBoolean("revoked")).isFalse();
    assertThat(listed.getString("createdBy")).isEqualTo("api-key ADMIN_API_KEY");
    assertThat(count("SELECT count(*) FROM agent_keys WHERE key_sha256 = sha256(convert_to('" + key + "', 'UTF8'))"))
        .as("stored as its digest").isEqualTo(1);
  }

  @Test
  void aRevokedKeyIsRefusedAtOnce() {
    JsonObject created = create("agent-to-revoke");
    JsonHttp agent = new JsonHttp(api.baseUrl(), created.getString("key"));
    assertThat(agent.post("/agent/v1/jobs/claim", CLAIM).status()).isEqualTo(204);

    assertThat(api.rest().delete("/api/agent-keys/" + created.getString("id")).status()).isEqualTo(204);

    JsonHttp.Response refused = agent.post("/agent/v1/jobs/claim", CLAIM);
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.json().getJsonObject("error").getString("code")).isEqualTo("unauthorized");
    assertThat(api.rest().delete("/api/agent-keys/" + created.getString("id")).status()).as("already revoked").isEqualTo(404);
    assertThat(api.rest().get("/api/agent-keys").json().getJsonArray("agentKeys").getJsonObject(0).getBoolean("revoked"))
        .isTrue();
  }

  @Test
  void twoActiveKeysNeverShareAName() {
    JsonObject first = create("agent-a");

    JsonHttp.Response second = api.rest().post("/api/agent-keys", new JsonObject().put("name", "agent-a"));
    assertThat(second.status()).isEqualTo(409);
    assertThat(second.json().getJsonObject("error").getString("code")).isEqualTo("agent_key_exists");

    api.rest().delete("/api/agent-keys/" + first.getString("id"));
    create("agent-a");
  }

  @Test
  void onlyAdminsManageAgentKeys() {
    api.createAccount("spec@agency.example", "specialist-password-123", "specialist");
    JsonHttp specialist = api.signIn("spec@agency.example", "specialist-password-123");

    assertThat(specialist.get("/api/agent-keys").status()).isEqualTo(403);
    assertThat(specialist.post("/api/agent-keys", new JsonObject().put("name", "mine")).status()).isEqualTo(403);
    assertThat(api.anonymous().get("/api/agent-keys").status()).isEqualTo(401);
    assertThat(api.agent().get("/api/agent-keys").status()).as("an agent key is no API key").isEqualTo(401);
  }

  @Test
  void creatingAndRevokingAKeyIsAudited() throws Exception {
    String id = create("audited-agent").getString("id");
    api.rest().delete("/api/agent-keys/" + id);

    JsonArray entries = awaitEntries(2);
    assertThat(entries.stream().map(e -> ((JsonObject) e).getString("action")))
        .containsExactly("agent_key.revoke", "agent_key.create");
    assertThat(entries.getJsonObject(0).getString("target")).isEqualTo("agent-key:" + id);
    assertThat(entries.getJsonObject(0).getString("actor")).isEqualTo("api-key ADMIN_API_KEY");
  }

  @Test
  void aNameMustBeGiven() {
    JsonHttp.Response response = api.rest().post("/api/agent-keys", new JsonObject());
    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("name");
  }

  /** Audit entries are written once the answer has gone out. */
  private static JsonArray awaitEntries(int atLeast) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    JsonArray entries = api.rest().get("/api/audit").json().getJsonArray("entries");
    while (entries.size() < atLeast && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
      entries = api.rest().get("/api/audit").json().getJsonArray("entries");
    }
    return entries;
  }
}
