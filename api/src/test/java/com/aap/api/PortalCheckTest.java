package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestApi;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

import static com.aap.api.testing.TestDatabase.count;
import static org.assertj.core.api.Assertions.assertThat;

/** Portal checks through the REST API and the agent protocol, without CJ (verification cannot reach it here). */
class PortalCheckTest {

  /** A 1x1 PNG. */
  static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
  private static final String LOGIN_EMAIL = "ops@agency.example";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();
  private static final JsonHttp rest = api.rest();
  private static final JsonHttp agent = api.agent();
  private String loginId;

  @BeforeEach
  void createALoginWithTwoStores() {
    loginId = Fixtures.createLogin(rest, LOGIN_EMAIL, Fixtures.PASSWORD);
    Fixtures.createStore(rest, "b-store", "1000002", loginId, true);
    Fixtures.createStore(rest, "a-store", "1000001", loginId, true);
  }

  private static JsonHttp.Response queue(String login, JsonObject body) {
    return rest.post("/api/cj-logins/" + login + "/portal-checks", body);
  }

  private static String queueCheck(JsonObject body) {
    JsonHttp.Response response = queue(LOGIN_EMAIL, body);
    assertThat(response.status()).as(response.body()).isEqualTo(202);
    return response.json().getString("checkId");
  }

  private static JsonObject claim() {
    JsonHttp.Response response = agent.post("/agent/v1/jobs/claim", new JsonObject().put("agentId", "agent-1")
        .put("waitSeconds", 0).put("max", 1));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().getJsonArray("jobs").getJsonObject(0);
  }

  private static JsonObject element(String step, String name, boolean found, String screenshot) {
    return new JsonObject().put("step", step).put("element", name).put("found", found)
        .put("matched", found ? "label=/email|username/" : null)
        .put("tried", new JsonArray().add("role=textbox name=/email/").add("label=/email|username/"))
        .put("url", "http://localhost:8090/u/login").put("screenshot", screenshot);
  }

  private static JsonObject report(long lease, boolean ok, String code, JsonObject... elements) {
    return new JsonObject().put("lease", lease).put("ok", ok).put("failureCode", code)
        .put("failureMessage", ok ? null : "the Continue button is missing").put("elements", new JsonArray(List.of(elements)));
  }

  private static JsonHttp.Response postReport(String jobId, JsonObject report) {
    return agent.post("/agent/v1/jobs/" + jobId + "/check-report", report);
  }

  private static String errorCode(JsonHttp.Response response) {
    return response.json().getJsonObject("error").getString("code");
  }

  @Test
  void anAdminQueuesACheckForTheLoginsFirstStoreByEmailOrId() {
    JsonHttp.Response byEmail = queue("OPS@agency.example", new JsonObject());
    JsonHttp.Response again = queue(loginId, new JsonObject());

    assertThat(byEmail.status()).as(byEmail.body()).isEqualTo(202);
    assertThat(byEmail.json().getString("storeId")).isEqualTo("a-store");
    assertThat(byEmail.json().getString("cjCompanyId")).isEqualTo("1000001");
    assertThat(byEmail.json().getString("loginId")).isEqualTo(loginId);
    assertThat(byEmail.json().getBoolean("register")).isFalse();
    assertThat(again.status()).as("a check already queued for the store is returned").isEqualTo(200);
    assertThat(again.json().getString("checkId")).isEqualTo(byEmail.json().getString("checkId"));
    JsonObject audit = rest.get("/api/audit?target=job:" + byEmail.json().getString("checkId")).json();
    assertThat(audit.getJsonArray("entries").getJsonObject(0).getString("action")).isEqualTo("portal_check.create");
  }

  @Test
  void aCheckWalksToTheStoreOrCompanyItIsGiven() {
    JsonHttp.Response byCompany = queue(LOGIN_EMAIL, new JsonObject().put("cjCompanyId", "1000002"));
    JsonHttp.Response otherLogin = queue(LOGIN_EMAIL, new JsonObject().put("storeId", "elsewhere"));
    JsonHttp.Response both = queue(LOGIN_EMAIL, new JsonObject().put("storeId", "a-store").put("cjCompanyId", "1"));

    assertThat(byCompany.status()).isEqualTo(202);
    assertThat(byCompany.json().getString("storeId")).isEqualTo("b-store");
    assertThat(otherLogin.status()).isEqualTo(400);
    assertThat(otherLogin.json().getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("field"))
        .isEqualTo("storeId");
    assertThat(both.status()).isEqualTo(400);
    assertThat(queue("nobody@agency.example", new JsonObject()).status()).isEqualTo(404);
  }

  @Test
  void aSpecialistCannotQueueACheckButCanReadOne() {
    String checkId = queueCheck(new JsonObject());
    api.createAccount("spec@agency.example", Fixtures.PASSWORD, "specialist");
    JsonHttp specialist = api.signIn("spec@agency.example", Fixtures.PASSWORD);

    JsonHttp.Response refused = specialist.post("/api/cj-logins/" + loginId + "/portal-checks", new JsonObject());
    JsonHttp.Response read = specialist.get("/api/portal-checks/" + checkId);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(errorCode(refused)).isEqualTo("forbidden");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().getString("state")).isEqualTo("queued");
    assertThat(api.anonymous().get("/api/portal-checks/" + checkId).status()).isEqualTo(401);
  }

  @Test
  void theClaimCarriesTheJobsKindAndRegister() {
    String checkId = queueCheck(new JsonObject().put("register", true));

    JsonObject claimed = claim();

    assertThat(claimed.getString("jobId")).isEqualTo(checkId);
    assertThat(claimed.getString("kind")).isEqualTo("portal_check");
    assertThat(claimed.getBoolean("register")).isTrue();
    assertThat(claimed.getJsonObject("login").getString("email")).isEqualTo(LOGIN_EMAIL);
    Fixtures.provision(rest, "b-store");
    JsonObject provisioning = claim();
    assertThat(provisioning.getString("kind")).isEqualTo("provision");
    assertThat(provisioning.getBoolean("register")).isFalse();
  }

  @Test
  void anOkReportSucceedsTheCheckAndItsScreenshotsAreServedAsPng() throws Exception {
    String checkId = queueCheck(new JsonObject());
    long lease = claim().getLong("lease");

    JsonHttp.Response answer = postReport(checkId, report(lease, true, null,
        element("signing_in", "emailBox", true, PNG), element("signing_in", "continueButton", true, null)));

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().getString("state")).isEqualTo("succeeded");
    JsonObject check = rest.get("/api/portal-checks/" + checkId).json();
    assertThat(check.getString("state")).isEqualTo("succeeded");
    JsonObject report = check.getJsonObject("report");
    assertThat(report.getBoolean("ok")).isTrue();
    JsonObject first = report.getJsonArray("elements").getJsonObject(0);
    assertThat(first.getString("element")).isEqualTo("emailBox");
    assertThat(first.getString("matched")).isEqualTo("label=/email|username/");
    assertThat(first.getJsonArray("tried")).hasSize(2);
    assertThat(first.getString("screenshot")).isEqualTo("/api/portal-checks/" + checkId + "/screenshots/1");
    assertThat(report.getJsonArray("elements").getJsonObject(1).getValue("screenshot")).isNull();
    HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(api.baseUrl() + first.getString("screenshot")))
        .header("Authorization", "Bearer " + TestApi.ADMIN_API_KEY).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(png.statusCode()).isEqualTo(200);
    assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
    assertThat(png.body()).isEqualTo(Base64.getDecoder().decode(PNG));
    assertThat(rest.get("/api/portal-checks/" + checkId + "/screenshots/2").status()).isEqualTo(404);
  }

  @Test
  void aReportWithMissingElementsFailsTheCheckWithItsCode() {
    String checkId = queueCheck(new JsonObject());
    long lease = claim().getLong("lease");

    JsonHttp.Response answer = postReport(checkId, report(lease, false, null,
        element("signing_in", "emailBox", true, null), element("signed_in", "companyBox", false, PNG)));

    assertThat(answer.json().getString("state")).isEqualTo("failed");
    JsonObject check = rest.get("/api/portal-checks/" + checkId).json();
    assertThat(check.getJsonObject("error").getString("code")).isEqualTo("portal_check_failed");
    assertThat(check.getJsonObject("error").getString("message")).isEqualTo("the Continue button is missing");
    assertThat(check.getJsonObject("error").getString("step")).isEqualTo("signed_in");
    assertThat(check.getJsonObject("report").getJsonArray("elements").getJsonObject(1).getBoolean("found")).isFalse();
  }

  @Test
  void aFailedReportKeepsTheCodeItNames() {
    String checkId = queueCheck(new JsonObject());
    long lease = claim().getLong("lease");

    postReport(checkId, report(lease, false, "cj_captcha", element("signing_in", "emailBox", true, null)));

    assertThat(rest.get("/api/portal-checks/" + checkId).json().getJsonObject("error").getString("code"))
        .isEqualTo("cj_captcha");
  }

  @Test
  void aBadReportIsRefusedNamingEachBadField() {
    String checkId = queueCheck(new JsonObject());
    long lease = claim().getLong("lease");
    JsonObject bad = report(lease, true, null, element("signing_in", "emailBox", true, null),
        element("signing_in", "continueButton", true, "not a png"));
    bad.getJsonArray("elements").getJsonObject(0).put("found", "yes").put("tried", "role=button");
    bad.put("failureCode", "Not A Code");

    JsonHttp.Response answer = postReport(checkId, bad);

    assertThat(answer.status()).as(answer.body()).isEqualTo(400);
    assertThat(errorCode(answer)).isEqualTo("invalid_fields");
    assertThat(answer.json().getJsonObject("error").getJsonArray("fields").stream()
        .map(f -> ((JsonObject) f).getString("field")))
        .containsExactlyInAnyOrder("failureCode", "elements[0].found", "elements[0].tried", "elements[1].screenshot");
    assertThat(postReport(checkId, new JsonObject().put("lease", lease).put("ok", true).put("elements", "none"))
        .json().getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("field")).isEqualTo("elements");
    assertThat(rest.get("/api/portal-checks/" + checkId).json().getString("state")).isEqualTo("running");
  }

  @Test
  void aReportWithTooManyScreenshotsIsRefused() {
    String checkId = queueCheck(new JsonObject());
    long lease = claim().getLong("lease");
    JsonObject[] elements = new JsonObject[21];
    for (int i = 0; i < elements.length; i++) elements[i] = element("signing_in", "element" + i, true, PNG);

    JsonHttp.Response answer = postReport(checkId, report(lease, true, null, elements));

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json().getJsonObject("error").getJsonArray("fields").getJsonObject(0).getString("problem"))
        .contains("at most 20 screenshots");
  }

  @Test
  void aReportUnderAStaleLeaseIsRefused() {
    String checkId = queueCheck(new JsonObject());
    long lease = claim().getLong("lease");

    JsonHttp.Response stale = postReport(checkId, report(lease - 1, true, null, element("signing_in", "emailBox", true, null)));
    rest.post("/api/jobs/" + checkId + "/cancel", new JsonObject());
    JsonHttp.Response cancelled = postReport(checkId, report(lease, true, null, element("signing_in", "emailBox", true, null)));

    assertThat(stale.status()).isEqualTo(409);
    assertThat(errorCode(stale)).isEqualTo("lease_lost");
    assertThat(cancelled.status()).isEqualTo(409);
    assertThat(errorCode(cancelled)).isEqualTo("job_not_running");
    assertThat(rest.get("/api/portal-checks/" + checkId).json().getValue("report")).isNull();
  }

  @Test
  void aProvisioningJobTakesNoCheckReport() {
    String jobId = Fixtures.provision(rest, "a-store");
    long lease = claim().getLong("lease");

    JsonHttp.Response answer = postReport(jobId, report(lease, true, null, element("signing_in", "emailBox", true, null)));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(errorCode(answer)).isEqualTo("not_a_portal_check");
    assertThat(rest.get("/api/portal-checks/" + jobId).status()).isEqualTo(404);
  }

  @Test
  void aCheckWithoutRegisterLeavesTheStoresTokenAndOnboardingUnchanged() throws Exception {
    String provisioning = Fixtures.provision(rest, "a-store");
    JsonObject provisioningClaim = claim();
    agent.post("/agent/v1/jobs/" + provisioning + "/failure", new JsonObject().put("code", "cj_password_rejected")
        .put("kind", "permanent").put("lease", provisioningClaim.getLong("lease")));
    try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement()) {
      st.execute("UPDATE stores SET token_last4 = 'abcd', token_name = 'earlier' WHERE id = 'a-store'");
    }
    String checkId = queueCheck(new JsonObject().put("storeId", "a-store"));
    long lease = claim().getLong("lease");

    JsonHttp.Response checkpoint = agent.post("/agent/v1/jobs/" + checkId + "/steps",
        new JsonObject().put("name", "registering").put("lease", lease));
    JsonHttp.Response handOver = agent.post("/agent/v1/jobs/" + checkId + "/token",
        new JsonObject().put("token", "t".repeat(40)).put("name", "stray"));
    postReport(checkId, report(lease, true, null, element("signing_in", "emailBox", true, null)));

    assertThat(checkpoint.status()).isEqualTo(409);
    assertThat(errorCode(checkpoint)).isEqualTo("check_without_register");
    assertThat(handOver.status()).as("a token CJ issued is kept, never dropped").isEqualTo(200);
    assertThat(count("SELECT count(*) FROM captured_tokens")).isZero();
    JsonObject store = rest.get("/api/stores/a-store").json();
    assertThat(store.getJsonObject("settings").getString("cjAccessToken")).isEqualTo("****abcd");
    assertThat(store.getJsonObject("settings").getString("tokenName")).isEqualTo("earlier");
    assertThat(store.getJsonObject("settings").getJsonArray("possiblyOrphanedTokens").getJsonObject(0).getString("name"))
        .isEqualTo("stray");
    assertThat(store.getJsonObject("latestJob").getString("id")).isEqualTo(provisioning);
    JsonObject listed = rest.get("/api/stores?q=a-store").json().getJsonArray("stores").getJsonObject(0);
    assertThat(listed.getString("onboarding")).isEqualTo("failed");
    assertThat(rest.get("/api/portal-checks/" + checkId).json().getString("state")).isEqualTo("succeeded");
  }

  @Test
  void aCheckWithoutRegisterDoesNotHoldUpProvisioning() {
    String checkId = queueCheck(new JsonObject().put("storeId", "a-store"));

    JsonHttp.Response provisioning = rest.post("/api/stores/a-store/provision", new JsonObject());

    assertThat(provisioning.status()).isEqualTo(202);
    assertThat(provisioning.json().getString("jobId")).isNotEqualTo(checkId);
    JsonHttp.Response withRegister = queue(LOGIN_EMAIL, new JsonObject().put("storeId", "a-store").put("register", true));
    assertThat(withRegister.status()).isEqualTo(409);
    assertThat(errorCode(withRegister)).isEqualTo("store_has_active_job");
  }

  @Test
  void aCheckWithRegisterHandsItsTokenOverAsProvisioningDoes() {
    String checkId = queueCheck(new JsonObject().put("register", true));
    long lease = claim().getLong("lease");

    JsonHttp.Response checkpoint = agent.post("/agent/v1/jobs/" + checkId + "/steps",
        new JsonObject().put("name", "registering").put("lease", lease));
    JsonHttp.Response handOver = agent.post("/agent/v1/jobs/" + checkId + "/token",
        new JsonObject().put("token", "t".repeat(40)));
    JsonHttp.Response answer = postReport(checkId, report(lease, true, null,
        element("registering", "registerButton", true, PNG)));

    assertThat(checkpoint.json().getString("tokenName")).isEqualTo("affiliate_advertiser_pro_app");
    assertThat(handOver.status()).isEqualTo(200);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().getString("state")).as("verification ends it, as it ends provisioning").isEqualTo("running");
    JsonObject check = rest.get("/api/portal-checks/" + checkId).json();
    assertThat(check.getJsonObject("report").getBoolean("ok")).isTrue();
    assertThat(rest.get("/api/stores/a-store").json().getJsonObject("latestJob").getString("id")).isEqualTo(checkId);
  }

  @Test
  void aCheckWithRegisterNeedsAgencyAuthorization() {
    Fixtures.createStore(rest, "c-store", "1000003", loginId, false);

    JsonHttp.Response answer = queue(loginId, new JsonObject().put("storeId", "c-store").put("register", true));

    assertThat(answer.status()).isEqualTo(409);
    assertThat(errorCode(answer)).isEqualTo("no_agency_authorization");
    assertThat(queue(loginId, new JsonObject().put("storeId", "c-store")).status()).isEqualTo(202);
  }
}
