package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestApi;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The take-over protocol on a real API and PostgreSQL, the agent played by this test: a job waits for a
 * person and resumes, a reason must be one a person can resolve, a specialist gives up, and the live view's
 * WebSockets admit only a signed-in specialist from the page's origin and the job's agent under its lease.
 */
class TakeOverProtocolTest {

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();
  private static final JsonHttp rest = api.rest();
  private static final JsonHttp agent = api.agent();

  @Test
  void aJobWaitsForAPersonUnderItsLeaseAndRunsAgainWhenItsAgentResumes() {
    Waiting job = waitingJob("resumed");

    JsonObject waiting = rest.get("/api/jobs/" + job.id).json();
    assertThat(waiting.getString("state")).isEqualTo("waiting_for_person");
    assertThat(waiting.getJsonObject("error").getString("code")).isEqualTo("cj_captcha");
    assertThat(post(job, "heartbeat").status()).isEqualTo(204);
    assertThat(agent.post("/agent/v1/jobs/" + job.id + "/steps", lease(job).put("name", "signed_in")).json()
        .getJsonObject("error").getString("code")).isEqualTo("job_not_running");

    assertThat(post(job, "resume").status()).isEqualTo(204);
    JsonObject running = rest.get("/api/jobs/" + job.id).json();
    assertThat(running.getString("state")).isEqualTo("running");
    assertThat(running.getValue("error")).isNull();
  }

  @Test
  void aReasonToWaitMustBeAPageAPersonCanPassAndBringTheLease() {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, "bad-reason", "1000001"));
    claim();

    JsonHttp.Response refused = agent.post("/agent/v1/jobs/" + jobId + "/wait-for-person",
        new JsonObject().put("code", "cj_password_rejected").put("message", "wrong password").put("step", "signing_in"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().getJsonObject("error").getJsonArray("fields").encode())
        .contains("\"field\":\"code\"", "kind unexpected", "\"field\":\"lease\"");
  }

  @Test
  void aSpecialistWhoGivesUpLeavesTheJobNeedingAttentionWithTheReasonAndIsAudited() {
    Waiting job = waitingJob("given-up");
    JsonHttp specialist = specialist("giver");

    JsonHttp.Response gaveUp = specialist.post("/api/jobs/" + job.id + "/give-up", new JsonObject());

    assertThat(gaveUp.status()).isEqualTo(200);
    JsonObject ended = rest.get("/api/jobs/" + job.id).json();
    assertThat(ended.getString("state")).isEqualTo("needs_attention");
    assertThat(ended.getJsonObject("error").getString("code")).isEqualTo("cj_captcha");
    assertThat(ended.getJsonObject("error").getString("message")).contains("giver@agency.example", "gave up");
    assertThat(post(job, "heartbeat").json().getJsonObject("error").getString("code")).isEqualTo("job_not_running");
    assertThat(rest.get("/api/audit?target=job:" + job.id).json().getJsonArray("entries").encode())
        .contains("\"action\":\"job.give_up\"", "\"actor\":\"giver@agency.example\"");
    assertThat(specialist.post("/api/jobs/" + job.id + "/give-up", new JsonObject()).json().getJsonObject("error")
        .getString("code")).isEqualTo("job_not_waiting_for_person");
  }

  @Test
  void theLiveViewOpensForASignedInSpecialistOnThePageOnlyAndIsAudited() throws Exception {
    Waiting job = waitingJob("watched");
    String cookie = sessionCookie("watcher");
    String page = api.baseUrl();

    assertThat(handshake(job.id, "Authorization", "Bearer " + TestApi.ADMIN_API_KEY, "Origin", page)).isEqualTo(403);
    assertThat(handshake(job.id, "Cookie", cookie, "Origin", "https://elsewhere.example")).isEqualTo(403);
    assertThat(handshake(job.id, "Cookie", cookie)).as("no Origin: not the page").isEqualTo(403);
    assertThat(agentHandshake(job.id, job.lease + 1)).as("another lease").isEqualTo(409);

    WebSocket socket = open("/api/jobs/" + job.id + "/live", "Cookie", cookie, "Origin", page);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
    String audit = awaitAudit(job.id, "take_over.end");
    assertThat(audit).contains("\"action\":\"take_over.start\"", "\"actor\":\"watcher@agency.example\"");
    assertThat(agentHandshake(job.id, job.lease)).as("the job's agent under its lease").isEqualTo(101);
  }

  private record Waiting(String id, long lease) {
  }

  /** A job claimed by this test, holding its sign-in slot, waiting for a person because of a CAPTCHA. */
  private static Waiting waitingJob(String store) {
    String jobId = Fixtures.provision(rest, Fixtures.authorizedStore(rest, store, "1000001"));
    Waiting job = new Waiting(jobId, claim().getLong("lease"));
    assertThat(post(job, "sign-in-slot").status()).isEqualTo(204);
    JsonHttp.Response waiting = agent.post("/agent/v1/jobs/" + jobId + "/wait-for-person", lease(job)
        .put("code", "cj_captcha").put("message", "CJ showed a CAPTCHA").put("step", "signing_in"));
    assertThat(waiting.status()).as(waiting.body()).isEqualTo(200);
    assertThat(waiting.json().getInteger("waitSeconds")).isEqualTo(900);
    return job;
  }

  private static JsonObject claim() {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "t").put("waitSeconds", 0));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json();
  }

  private static JsonObject lease(Waiting job) {
    return new JsonObject().put("lease", job.lease);
  }

  private static JsonHttp.Response post(Waiting job, String verb) {
    return agent.post("/agent/v1/jobs/" + job.id + "/" + verb, lease(job));
  }

  private static JsonHttp specialist(String name) {
    api.createAccount(name + "@agency.example", Fixtures.PASSWORD, "specialist");
    return api.signIn(name + "@agency.example", Fixtures.PASSWORD);
  }

  private static String sessionCookie(String name) {
    api.createAccount(name + "@agency.example", Fixtures.PASSWORD, "specialist");
    JsonHttp.Response signedIn = api.anonymous().post("/api/session",
        new JsonObject().put("email", name + "@agency.example").put("password", Fixtures.PASSWORD));
    return "aap_session=" + signedIn.cookie("aap_session");
  }

  private static int agentHandshake(String jobId, long lease) {
    return handshakeAt("/agent/v1/jobs/" + jobId + "/live?lease=" + lease, "Authorization", "Bearer " + TestApi.AGENT_KEY);
  }

  private static int handshake(String jobId, String... headers) {
    return handshakeAt("/api/jobs/" + jobId + "/live", headers);
  }

  /** The handshake's status: 101 when the socket opened (it is closed again at once). */
  private static int handshakeAt(String path, String... headers) {
    try {
      open(path, headers).abort();
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) return refused.getResponse().statusCode();
      throw e;
    }
  }

  private static WebSocket open(String path, String... headers) {
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
    for (int i = 0; i < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
    return builder.buildAsync(URI.create(api.baseUrl().replaceFirst("^http", "ws") + path), new WebSocket.Listener() { })
        .join();
  }

  private static String awaitAudit(String jobId, String action) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      String entries = rest.get("/api/audit?target=job:" + jobId).json().getJsonArray("entries").encode();
      if (entries.contains("\"action\":\"" + action + "\"")) return entries;
      Thread.sleep(100);
    }
    throw new AssertionError("no audit entry " + action + " for job " + jobId);
  }
}
