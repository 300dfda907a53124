package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.sandbox.accounts.Totp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CJ login's secrets leave the API only to a job's agent, each time with an audit entry: the password with
 * the claim, and never the TOTP secret, from which the API makes one-time codes on request, under the job's
 * lease.
 */
class CredentialReleaseTest {

  private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DP";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();
  private static final JsonHttp rest = api.rest();

  private JsonHttp agent;
  private String keyId;
  private String loginId;
  private String jobId;

  @BeforeEach
  void aRegisteredAgentAndAJobWhoseLoginHasATotpSecret() {
    JsonObject key = rest.post("/api/agent-keys", new JsonObject().put("name", "agent-eu-1")).json();
    keyId = key.getString("id");
    agent = new JsonHttp(api.baseUrl(), key.getString("key"));
    JsonHttp.Response login = rest.post("/api/cj-logins", new JsonObject().put("email", "ops@agency.example")
        .put("password", Fixtures.PASSWORD).put("totpSecret", SECRET));
    loginId = login.json().getString("id");
    Fixtures.createStore(rest, "s1", "1000001", loginId, true);
    jobId = Fixtures.provision(rest, "s1");
  }

  private JsonObject claim() {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/claim",
        new JsonObject().put("agentId", "agent-eu-1-w0").put("waitSeconds", 0).put("max", 3));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().getJsonArray("jobs").getJsonObject(0);
  }

  private JsonHttp.Response oneTimeCode(String job, long lease) {
    return agent.post("/agent/v1/jobs/" + job + "/one-time-code", new JsonObject().put("lease", lease));
  }

  @Test
  void theClaimCarriesThePasswordAndWhetherThereIsATotpSecretButNotTheSecret() {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/claim",
        new JsonObject().put("agentId", "agent-eu-1-w0").put("waitSeconds", 0).put("max", 3));

    assertThat(response.body()).doesNotContain("totpSecret").doesNotContain(SECRET);
    JsonObject login = response.json().getJsonArray("jobs").getJsonObject(0).getJsonObject("login");
    assertThat(login.fieldNames()).containsExactlyInAnyOrder("id", "email", "password", "hasTotp");
    assertThat(login.getBoolean("hasTotp")).isTrue();
    assertThat(login.getString("password")).isEqualTo(Fixtures.PASSWORD);
  }

  @Test
  void theAuditLogNamesTheAgentTheKeyTheLoginAndTheJobOfEachPasswordRelease() {
    claim();

    JsonObject entry = entries("cj-login:" + loginId).getJsonObject(0);

    assertThat(entry.getString("action")).isEqualTo("cj_login.credentials_released");
    assertThat(entry.getString("actor")).isEqualTo("agent-key agent-eu-1");
    JsonObject detail = entry.getJsonObject("detail");
    assertThat(detail.getString("agentId")).isEqualTo("agent-eu-1-w0");
    assertThat(detail.getString("agentKey")).isEqualTo("agent-eu-1");
    assertThat(detail.getString("agentKeyId")).isEqualTo(keyId);
    assertThat(detail.getString("jobId")).isEqualTo(jobId);
    assertThat(detail.getString("storeId")).isEqualTo("s1");
    assertThat(detail.getString("cjLogin")).isEqualTo("ops@agency.example");
  }

  @Test
  void aReleaseToAConfiguredKeyNamesItsPosition() {
    api.agent().post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "old-agent").put("waitSeconds", 0));

    assertThat(entries("cj-login:" + loginId).getJsonObject(0).getString("actor")).isEqualTo("agent-key AGENT_KEYS#1");
  }

  @Test
  void theApiMakesAOneTimeCodeFromTheSecretAndAuditsIt() {
    long lease = claim().getLong("lease");

    JsonHttp.Response response = oneTimeCode(jobId, lease);

    assertThat(response.status()).as(response.body()).isEqualTo(200);
    String code = response.json().getString("code");
    assertThat(code).matches("\\d{6}");
    assertThat(new Totp(Clock.systemUTC()).verify(SECRET, code)).as("a code CJ accepts for this secret").isTrue();
    JsonArray entries = entries("cj-login:" + loginId);
    assertThat(entries.stream().map(e -> ((JsonObject) e).getString("action")))
        .containsExactly("cj_login.one_time_code", "cj_login.credentials_released", "cj_login.create");
    JsonObject detail = entries.getJsonObject(0).getJsonObject("detail");
    assertThat(detail.getString("jobId")).isEqualTo(jobId);
    assertThat(detail.getString("agentId")).isEqualTo("agent-eu-1-w0");
    assertThat(detail.getString("agentKey")).isEqualTo("agent-eu-1");
  }

  @Test
  void aOneTimeCodeIsFencedByTheLease() {
    long lease = claim().getLong("lease");

    JsonHttp.Response stale = oneTimeCode(jobId, lease - 1);
    assertThat(stale.status()).isEqualTo(409);
    assertThat(stale.json().getJsonObject("error").getString("code")).isEqualTo("lease_lost");

    rest.post("/api/jobs/" + jobId + "/cancel", new JsonObject());
    JsonHttp.Response cancelled = oneTimeCode(jobId, lease);
    assertThat(cancelled.status()).isEqualTo(409);
    assertThat(cancelled.json().getJsonObject("error").getString("code")).isEqualTo("job_not_running");

    assertThat(oneTimeCode("6f1c3c52-2a4a-4f0e-9f57-2d0c2f3d9b11", lease).status()).isEqualTo(404);
    assertThat(agent.post("/agent/v1/jobs/" + jobId + "/one-time-code", new JsonObject()).status()).isEqualTo(400);
    assertThat(entries("cj-login:" + loginId).stream().map(e -> ((JsonObject) e).getString("action")))
        .as("a refused code is no release").doesNotContain("cj_login.one_time_code");
  }

  @Test
  void aLoginWithoutATotpSecretHasNoCodeToGive() {
    rest.post("/api/jobs/" + jobId + "/cancel", new JsonObject());
    String plainLogin = Fixtures.createLogin(rest, "plain@agency.example", Fixtures.PASSWORD);
    Fixtures.createStore(rest, "s2", "1000002", plainLogin, true);
    String plainJob = Fixtures.provision(rest, "s2");
    JsonObject claimed = claim();
    assertThat(claimed.getString("jobId")).isEqualTo(plainJob);
    assertThat(claimed.getJsonObject("login").getBoolean("hasTotp")).isFalse();

    JsonHttp.Response response = oneTimeCode(plainJob, claimed.getLong("lease"));

    assertThat(response.status()).isEqualTo(409);
    assertThat(response.json().getJsonObject("error").getString("code")).isEqualTo("no_totp_secret");
  }

  @Test
  void anAgentKeyIsNeededForACode() {
    long lease = claim().getLong("lease");

    assertThat(new JsonHttp(api.baseUrl(), null).post("/agent/v1/jobs/" + jobId + "/one-time-code",
        new JsonObject().put("lease", lease)).status()).isEqualTo(401);
    assertThat(rest.post("/agent/v1/jobs/" + jobId + "/one-time-code", new JsonObject().put("lease", lease)).status())
        .as("an API key is no agent key").isEqualTo(401);
  }

  /** Entries are written in the claim's transaction: they are there once the answer is. */
  private static JsonArray entries(String target) {
    return rest.get("/api/audit?target=" + target).json().getJsonArray("entries");
  }

}
