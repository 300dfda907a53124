package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL's {@code text} cannot hold U+0000, so a NUL character in any text a request brings is refused
 * like any other bad value: 400 {@code invalid_fields} naming the field, or, in a batch, a bad row naming
 * row and field while the batch's good rows go on. The table in {@link #everyTextField} is the coverage.
 */
class NulCharacterTest {

  private static final String NUL = "\u0000";
  private static final String TOKEN = "cj_pat_0123456789abcdefghijklmnopqrstuvwxyz";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();

  private enum Via { ANONYMOUS, ADMIN, AGENT }

  /** A request with a NUL in one field; {@code field} is the name the answer must give. */
  private record Case(Via via, String method, String path, String contentType, String body, String field,
                      boolean batchRow) {

    String describe() {
      return method + " " + path.replace(NUL, "<NUL>") + " " + (contentType == null ? "" : contentType + " ") + field;
    }
  }

  /** What the test's requests refer to: a CJ login, an account, a provisioning job and a portal check, both claimed. */
  private record World(String loginId, String accountId, String jobId, long jobLease, String checkId, long checkLease) {
  }

  @Test
  void aNulCharacterInAnyTextFieldIsRefusedNamingTheField() {
    World w = world();
    List<Case> cases = everyTextField(w);
    SoftAssertions softly = new SoftAssertions();
    for (Case c : cases) {
      JsonHttp.Response response = send(c);
      if (c.batchRow()) {
        softly.assertThat(response.status()).as(c.describe() + ": " + response.body()).isEqualTo(201);
        if (response.status() != 201) continue;
        softly.assertThat(badRows(response.json())).as(c.describe()).contains("1 " + c.field());
        softly.assertThat(response.json().getInteger("accepted")).as(c.describe() + ": the good row goes on").isEqualTo(1);
      } else {
        softly.assertThat(response.status()).as(c.describe() + ": " + response.body()).isEqualTo(400);
        JsonObject error = response.json() == null ? null : response.json().getJsonObject("error");
        if (error == null) continue;
        softly.assertThat(error.getString("code")).as(c.describe()).isEqualTo("invalid_fields");
        softly.assertThat(fieldNames(error)).as(c.describe()).contains(c.field());
      }
    }
    softly.assertAll();
    assertThat(cases).hasSizeGreaterThan(50);
  }

  /** The coverage: every endpoint that takes text, with a valid body and each of its text fields. */
  private static List<Case> everyTextField(World w) {
    List<Case> cases = new ArrayList<>();
    // the page and scripts (REST)
    cases.addAll(json(Via.ANONYMOUS, "POST", "/api/session",
        obj("email", "admin@agency.example", "password", "a-long-enough-password"), "email", "password"));
    cases.addAll(json(Via.ADMIN, "POST", "/api/accounts",
        obj("email", "new@agency.example", "password", "a-long-enough-password", "role", "specialist"),
        "email", "password", "role"));
    cases.addAll(json(Via.ADMIN, "POST", "/api/accounts/" + w.accountId() + "/password",
        obj("password", "a-long-enough-password"), "password"));
    cases.addAll(json(Via.ADMIN, "POST", "/api/api-keys", obj("name", "nightly", "role", "specialist"), "name", "role"));
    cases.addAll(json(Via.ADMIN, "POST", "/api/cj-logins",
        obj("email", "ops2@agency.example", "password", "cj-password", "totpSecret", "JBSWY3DPEHPK3PXP"),
        "email", "password", "totpSecret"));
    cases.addAll(json(Via.ADMIN, "POST", "/api/stores",
        obj("id", "new-store", "name", "Acme Outdoor", "cjCompanyId", "1000009", "cjLoginId", w.loginId(),
            "agencyAuthorization", obj("signedOn", "2026-01-15", "reference", "AA-2026-17")),
        "id", "name", "cjCompanyId", "cjLoginId", "agencyAuthorization.signedOn", "agencyAuthorization.reference"));
    cases.addAll(json(Via.ADMIN, "POST", "/api/stores/s1/provision", obj("tokenName", "my_token"), "tokenName"));
    cases.addAll(json(Via.ADMIN, "POST", "/api/cj-logins/" + w.loginId() + "/portal-checks",
        obj("storeId", "s2", "tokenName", "my_token"), "storeId", "tokenName"));
    cases.addAll(json(Via.ADMIN, "POST", "/api/cj-logins/" + w.loginId() + "/portal-checks",
        obj("cjCompanyId", "1000002"), "cjCompanyId"));
    // batches: a bad row is reported, and the good row after it is queued all the same
    JsonObject row = obj("storeId", "b1", "name", "Batch store", "cjCompanyId", "1000003",
        "cjLogin", "ops@agency.example", "agencySignedOn", "2026-01-15", "agencyReference", "AA-b1",
        "tokenName", "my_token");
    for (String field : row.fieldNames()) {
      cases.add(batchJson(row, field));
      cases.add(batchCsv(row, field));
    }
    // path and query parameters
    cases.add(param(Via.ADMIN, "GET", "/api/stores/s%001", "id"));
    cases.add(param(Via.ADMIN, "POST", "/api/stores/s%001/provision", "id"));
    cases.add(param(Via.ADMIN, "POST", "/api/stores/s%001/possibly-orphaned-tokens/1/revoked", "id"));
    cases.add(param(Via.ADMIN, "POST", "/api/stores/s1/possibly-orphaned-tokens/1%00/revoked", "n"));
    cases.add(param(Via.ADMIN, "GET", "/api/jobs/" + w.jobId() + "%00", "id"));
    cases.add(param(Via.ADMIN, "POST", "/api/cj-logins/ops%00@agency.example/portal-checks", "id"));
    cases.add(param(Via.ADMIN, "POST", "/api/accounts/" + w.accountId() + "%00/disable", "id"));
    cases.add(param(Via.ADMIN, "GET", "/api/stores?q=Acme%00", "q"));
    cases.add(param(Via.ADMIN, "GET", "/api/audit?target=store:s%001", "target"));
    cases.add(param(Via.AGENT, "POST", "/agent/v1/jobs/" + w.jobId() + "%00/heartbeat", "id"));
    // the agent protocol (/agent/v1)
    cases.addAll(json(Via.AGENT, "POST", "/agent/v1/jobs/claim",
        obj("agentId", "agent-1", "holder", "agent-1", "waitSeconds", 0, "heldLogins", new JsonArray().add(w.loginId())),
        "agentId", "holder"));
    cases.add(new Case(Via.AGENT, "POST", "/agent/v1/jobs/claim", null,
        withNul(obj("agentId", "agent-1", "heldLogins", new JsonArray().add(w.loginId())), "heldLogins[0]"),
        "heldLogins", false));
    String job = "/agent/v1/jobs/" + w.jobId();
    cases.addAll(json(Via.AGENT, "POST", job + "/steps", obj("name", "signed_in", "lease", w.jobLease()), "name"));
    cases.addAll(json(Via.AGENT, "POST", job + "/token", obj("token", TOKEN, "name", "my_token"), "token", "name"));
    cases.addAll(json(Via.AGENT, "POST", job + "/failure",
        obj("code", "cj_unreachable", "kind", "transient", "message", "the portal did not answer", "step", "signing_in",
            "lease", w.jobLease(), "screenshot", PortalCheckTest.PNG),
        "code", "kind", "message", "step", "screenshot"));
    JsonObject element = obj("step", "signing_in", "element", "emailBox", "found", true, "matched", "label=/email/",
        "tried", new JsonArray().add("role=textbox name=/email/").add("label=/email/"),
        "url", "http://localhost:8090/u/login", "screenshot", PortalCheckTest.PNG);
    cases.addAll(json(Via.AGENT, "POST", "/agent/v1/jobs/" + w.checkId() + "/check-report",
        obj("lease", w.checkLease(), "ok", false, "failureCode", "unexpected_page",
            "failureMessage", "the Continue button is missing", "elements", new JsonArray().add(element)),
        "failureCode", "failureMessage", "elements[0].step", "elements[0].element", "elements[0].matched",
        "elements[0].tried[1]", "elements[0].url", "elements[0].screenshot"));
    return cases;
  }

  private World world() {
    JsonHttp rest = api.rest();
    String loginId = Fixtures.createLogin(rest, "ops@agency.example", Fixtures.PASSWORD);
    Fixtures.createStore(rest, "s1", "1000001", loginId, true);
    Fixtures.createStore(rest, "s2", "1000002", loginId, true);
    String jobId = Fixtures.provision(rest, "s1");
    JsonHttp.Response check = rest.post("/api/cj-logins/" + loginId + "/portal-checks", obj("storeId", "s2"));
    assertThat(check.status()).as(check.body()).isEqualTo(202);
    String checkId = check.json().getString("checkId");
    JsonHttp.Response claimed = api.agent().post("/agent/v1/jobs/claim",
        obj("agentId", "agent-1", "waitSeconds", 0, "max", 10));
    assertThat(claimed.status()).as(claimed.body()).isEqualTo(200);
    long jobLease = -1;
    long checkLease = -1;
    for (Object o : claimed.json().getJsonArray("jobs")) {
      JsonObject claim = (JsonObject) o;
      if (claim.getString("jobId").equals(jobId)) jobLease = claim.getLong("lease");
      if (claim.getString("jobId").equals(checkId)) checkLease = claim.getLong("lease");
    }
    assertThat(jobLease).as("the provisioning job was claimed").isNotNegative();
    assertThat(checkLease).as("the portal check was claimed").isNotNegative();
    api.createAccount("admin@agency.example", "a-long-enough-password", "admin");
    String accountId = api.rest().get("/api/accounts").json().getJsonArray("accounts").getJsonObject(0).getString("id");
    return new World(loginId, accountId, jobId, jobLease, checkId, checkLease);
  }

  /** One case per field: the valid body with a NUL put into that field's value. */
  private static List<Case> json(Via via, String method, String path, JsonObject valid, String... fields) {
    List<Case> cases = new ArrayList<>();
    for (String field : fields) cases.add(new Case(via, method, path, null, withNul(valid, field), field, false));
    return cases;
  }

  private static Case param(Via via, String method, String pathWithNul, String field) {
    return new Case(via, method, pathWithNul, null, method.equals("GET") ? null : "{}", field, false);
  }

  private static Case batchJson(JsonObject row, String field) {
    JsonObject bad = new JsonObject(withNul(row, field));
    JsonObject good = row.copy().put("storeId", "b2");
    String body = obj("stores", new JsonArray().add(bad).add(good)).encode();
    return new Case(Via.ADMIN, "POST", "/api/batches", null, body, field, true);
  }

  private static Case batchCsv(JsonObject row, String field) {
    JsonObject bad = new JsonObject(withNul(row, field));
    JsonObject good = row.copy().put("storeId", "b2");
    String header = String.join(",", row.fieldNames()) + "\n";
    String body = header + csvLine(bad) + csvLine(good);
    return new Case(Via.ADMIN, "POST", "/api/batches", "text/csv", body, field, true);
  }

  private static String csvLine(JsonObject row) {
    return row.fieldNames().stream().map(f -> '"' + row.getString(f) + '"').collect(Collectors.joining(",")) + "\n";
  }

  /** The body, encoded, with a NUL after the first character of the value at {@code path} ({@code a.b[0].c}). */
  private static String withNul(JsonObject valid, String path) {
    JsonObject body = valid.copy();
    Object parent = body;
    String[] steps = path.replace("[", ".[").split("\\.");
    for (int i = 0; i < steps.length; i++) {
      String step = steps[i];
      boolean last = i == steps.length - 1;
      if (step.startsWith("[")) {
        JsonArray array = (JsonArray) parent;
        int n = Integer.parseInt(step.substring(1, step.length() - 1));
        if (last) array.set(n, nul(array.getString(n)));
        else parent = array.getValue(n);
      } else {
        JsonObject object = (JsonObject) parent;
        if (last) object.put(step, nul(object.getString(step)));
        else parent = object.getValue(step);
      }
    }
    return body.encode();
  }

  private static String nul(String value) {
    return value.charAt(0) + NUL + value.substring(1);
  }

  private static JsonHttp.Response send(Case c) {
    JsonHttp client = switch (c.via()) {
      case ANONYMOUS -> api.anonymous();
      case ADMIN -> api.rest();
      case AGENT -> api.agent();
    };
    if (c.contentType() != null) client = client.withHeader("Content-Type", c.contentType());
    return client.send(c.method(), c.path(), c.body());
  }

  private static List<String> fieldNames(JsonObject error) {
    JsonArray fields = error.getJsonArray("fields");
    return fields == null ? List.of() : fields.stream().map(f -> ((JsonObject) f).getString("field")).toList();
  }

  private static List<String> badRows(JsonObject answer) {
    return answer.getJsonArray("badRows").stream().map(p -> (JsonObject) p)
        .map(p -> p.getInteger("row") + " " + p.getString("field")).toList();
  }

  private static JsonObject obj(Object... keysAndValues) {
    JsonObject object = new JsonObject();
    for (int i = 0; i < keysAndValues.length; i += 2) object.put((String) keysAndValues[i], keysAndValues[i + 1]);
    return object;
  }
}
