package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestApi;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /api/batches}, {@code GET /api/batches/{id}}, its events and {@code retry-failed}, on real PostgreSQL. */
class BatchesTest {

  static final String HEADER = "store_id,name,cj_company_id,cj_login,agency_signed_on,agency_reference,token_name\n";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();
  private static final JsonHttp rest = api.rest();

  @BeforeEach
  void createTheOpsLogin() {
    Fixtures.createLogin(rest, "ops@agency.example", Fixtures.PASSWORD);
  }

  static String row(String id, String cid) {
    return id + ",Store " + id + "," + cid + ",ops@agency.example,2026-01-15,AA-" + id + ",\n";
  }

  private static JsonHttp.Response upload(String csv) {
    return rest.withHeader("Content-Type", "text/csv").send("POST", "/api/batches", csv);
  }

  @Test
  void badRowsAreExplainedByRowFieldAndProblemWhileGoodRowsAreQueued() {
    String csv = HEADER + row("good-1", "1000001")
        + "bad-cid,Store,12ab,ops@agency.example,2026-01-15,AA-1,\n"
        + row("good-2", "1000002")
        + "no-auth,Store,1000003,ops@agency.example,,,\n"
        + "bad-login,Store,1000004,nobody@agency.example,2026-01-15,AA-2,\n"
        + row("good-1", "1000005");

    JsonHttp.Response response = upload(csv);

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    JsonObject body = response.json();
    assertThat(body.getInteger("rows")).isEqualTo(6);
    assertThat(body.getInteger("accepted")).isEqualTo(2);
    assertThat(problems(body.getJsonArray("badRows"))).containsExactlyInAnyOrder(
        "2 cjCompanyId must be a numeric CJ company id (digits)",
        "4 agencySignedOn is required: provisioning needs the agency authorization",
        "4 agencyReference is required: provisioning needs the agency authorization",
        "5 cjLogin names no CJ login (give its id or email)",
        "6 storeId repeats the store of row 1");
    JsonObject batch = rest.get("/api/batches/" + body.getString("batchId")).json();
    assertThat(batch.getJsonObject("totals").getInteger("queued")).isEqualTo(2);
    assertThat(rest.get("/api/stores/good-2").json().getJsonObject("latestJob").getString("state")).isEqualTo("queued");
    assertThat(rest.get("/api/stores/bad-cid").status()).isEqualTo(404);
  }

  @Test
  void aJsonListOfStoresIsAcceptedLikeACsv() {
    JsonObject store = new JsonObject().put("storeId", "j1").put("name", "JSON store").put("cjCompanyId", "1000001")
        .put("cjLogin", "ops@agency.example").put("agencySignedOn", "2026-01-15").put("agencyReference", "AA-j1")
        .put("tokenName", "custom_name");

    JsonHttp.Response response = rest.post("/api/batches", new JsonObject().put("stores", new JsonArray().add(store)));

    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().getInteger("accepted")).isEqualTo(1);
    String jobId = rest.get("/api/stores/j1").json().getJsonObject("latestJob").getString("id");
    assertThat(rest.get("/api/jobs/" + jobId).json().getString("tokenName")).isEqualTo("custom_name");
  }

  @Test
  void aBatchUpdatesAnExistingStore() {
    String loginId = rest.get("/api/cj-logins").json().getJsonArray("cjLogins").getJsonObject(0).getString("id");
    Fixtures.createStore(rest, "s1", "1000001", loginId, false);

    upload(HEADER + "s1,Renamed store,1000009," + loginId + ",2026-02-01,AA-s1,\n");

    JsonObject store = rest.get("/api/stores/s1").json();
    assertThat(store.getString("name")).isEqualTo("Renamed store");
    assertThat(store.getString("cjCompanyId")).isEqualTo("1000009");
    assertThat(store.getJsonObject("agencyAuthorization").getString("reference")).isEqualTo("AA-s1");
  }

  @Test
  void aStoreWithAnActiveJobKeepsItInsteadOfASecondOne() {
    upload(HEADER + row("s1", "1000001"));
    String first = rest.get("/api/stores/s1").json().getJsonObject("latestJob").getString("id");

    String batchId = upload(HEADER + row("s1", "1000001")).json().getString("batchId");

    assertThat(rest.get("/api/batches/" + batchId).json().getJsonArray("rows").getJsonObject(0).getString("jobId"))
        .isEqualTo(first);
  }

  @Test
  void aCsvWithoutARequiredColumnIsRefusedNamingIt() {
    JsonHttp.Response response = upload("store_id,name,cj_company_id,cj_login,agency_signed_on\n" + "s1,S,1,x,2026-01-01\n");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.json().getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("agencyReference");
  }

  @Test
  void theBatchShowsTotalsByStateAndEachRowsErrorCode() {
    String batchId = upload(HEADER + row("s1", "1000001") + row("s2", "1000002")).json().getString("batchId");
    String claimed = failNextJob("cj_password_rejected", "permanent");

    JsonObject batch = rest.get("/api/batches/" + batchId).json();

    assertThat(batch.getJsonObject("totals").getInteger("failed")).isEqualTo(1);
    assertThat(batch.getJsonObject("totals").getInteger("queued")).isEqualTo(1);
    assertThat(batch.getBoolean("done")).isFalse();
    JsonObject failed = rows(batch).stream().filter(r -> r.getString("jobId").equals(claimed)).findFirst().orElseThrow();
    assertThat(failed.getString("state")).isEqualTo("failed");
    assertThat(failed.getString("errorCode")).isEqualTo("cj_password_rejected");
  }

  @Test
  void retryFailedQueuesTheFailedRowsAgainAndOnlyThem() {
    String batchId = upload(HEADER + row("s1", "1000001") + row("s2", "1000002")).json().getString("batchId");
    String failedJob = failNextJob("cj_password_rejected", "permanent");

    JsonHttp.Response retried = rest.post("/api/batches/" + batchId + "/retry-failed", new JsonObject());

    assertThat(retried.json().getInteger("retried")).isEqualTo(1);
    JsonObject batch = rest.get("/api/batches/" + batchId).json();
    assertThat(batch.getJsonObject("totals").getInteger("queued")).isEqualTo(2);
    assertThat(rows(batch)).extracting(r -> r.getString("jobId")).doesNotContain(failedJob);
  }

  @Test
  void theEventStreamSendsTheTotalsAndEveryRowFirst() throws Exception {
    String batchId = upload(HEADER + row("s1", "1000001") + row("s2", "1000002")).json().getString("batchId");
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/batches/" + batchId + "/events"))
        .header("Authorization", "Bearer " + TestApi.ADMIN_API_KEY).timeout(Duration.ofSeconds(10)).build();

    HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
        HttpResponse.BodyHandlers.ofInputStream());

    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null && !line.startsWith("data: ")) {
        // skip the comment and the event name
      }
      JsonObject event = new JsonObject(line.substring(6));
      assertThat(event.getJsonObject("totals").getInteger("queued")).isEqualTo(2);
      assertThat(event.getJsonArray("rows")).hasSize(2);
      assertThat(event.getBoolean("done")).isFalse();
    }
  }

  @Test
  void tenThousandRowsAreAcceptedInOneUpload() {
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 10_000; i++) csv.append(row("bulk-" + i, String.valueOf(2_000_000 + i)));
    upload(HEADER + row("warm-up", "1000001")); // first use of each statement is prepared, like in production

    long started = System.nanoTime();
    JsonHttp.Response response = upload(csv.toString());
    long millis = (System.nanoTime() - started) / 1_000_000;

    System.out.printf("10,000-row batch (%d KiB) accepted in %d ms%n", csv.length() / 1024, millis);
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    assertThat(response.json().getInteger("accepted")).isEqualTo(10_000);
    JsonObject batch = rest.get("/api/batches/" + response.json().getString("batchId")).json();
    assertThat(batch.getJsonObject("totals").getInteger("queued")).isEqualTo(10_000);
  }

  /** Plays an agent: claims the next job and reports the failure; returns the job id. */
  private static String failNextJob(String code, String kind) {
    JsonObject claim = api.agent().post("/agent/v1/jobs/claim",
        new JsonObject().put("agentId", "test-agent").put("waitSeconds", 1)).json();
    String jobId = claim.getString("jobId");
    JsonObject failure = new JsonObject().put("code", code).put("kind", kind).put("message", "test").put("step", "signing_in");
    if (claim.containsKey("lease")) failure.put("lease", claim.getValue("lease"));
    JsonHttp.Response reported = api.agent().post("/agent/v1/jobs/" + jobId + "/failure", failure);
    assertThat(reported.status()).as(reported.body()).isEqualTo(200);
    return jobId;
  }

  private static List<JsonObject> rows(JsonObject batch) {
    List<JsonObject> rows = new ArrayList<>();
    batch.getJsonArray("rows").forEach(r -> rows.add((JsonObject) r));
    return rows;
  }

  private static List<String> problems(JsonArray badRows) {
    List<String> problems = new ArrayList<>();
    badRows.forEach(p -> {
      JsonObject problem = (JsonObject) p;
      problems.add(problem.getInteger("row") + " " + problem.getString("field") + " " + problem.getString("problem"));
    });
    return problems;
  }
}
