package com.aap.stack.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.api.testing.JsonHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/** One advertiser on both sides: a company and its user in the sandbox, a CJ login and a store in the API. */
final class Advertiser {

  static final Set<String> ENDED = Set.of("succeeded", "failed", "needs_attention", "cancelled");

  final String cid;
  final String email;
  final String storeId;
  private final JsonHttp sandbox;
  String jobId;

  private Advertiser(String cid, String email, String storeId, JsonHttp sandbox) {
    this.cid = cid;
    this.email = email;
    this.storeId = storeId;
    this.sandbox = sandbox;
  }

  static Advertiser create(JsonHttp sandbox, JsonHttp rest) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String cid = String.valueOf(ThreadLocalRandom.current().nextInt(3_000_000, 9_000_000));
    var advertiser = new Advertiser(cid, "chaos-" + suffix + "@agency.example", "chaos-" + suffix, sandbox);
    String password = "Pw-" + UUID.randomUUID();
    expect(sandbox.post("/_sandbox/companies", new JsonObject().put("cid", cid).put("name", "Chaos " + suffix)
        .put("commissions", 12)), 201);
    expect(sandbox.post("/_sandbox/users", new JsonObject().put("email", advertiser.email).put("password", password)
        .put("cids", new JsonArray().add(cid))), 201);
    String loginId = expect(rest.post("/api/cj-logins", new JsonObject().put("email", advertiser.email)
        .put("password", password)), 201).getString("id");
    expect(rest.post("/api/stores", new JsonObject().put("id", advertiser.storeId).put("name", "Store " + suffix)
        .put("cjCompanyId", cid).put("cjLoginId", loginId).put("agencyAuthorization", new JsonObject()
            .put("signedOn", LocalDate.now().minusDays(2).toString()).put("reference", "AAA-" + suffix))), 201);
    return advertiser;
  }

  /** Sets this user's sandbox faults: {@code {captcha: true}}, {@code {registerFailures: -1}}, ... */
  Advertiser withFaults(JsonObject faults) {
    expect(sandbox.put("/_sandbox/faults", faults.copy().put("email", email)), 200);
    return this;
  }

  String provision(JsonHttp rest) {
    jobId = expect(rest.post("/api/stores/" + storeId + "/provision", new JsonObject()), 202).getString("jobId");
    return jobId;
  }

  JsonObject job(JsonHttp rest) {
    return rest.get("/api/jobs/" + jobId).json();
  }

  JsonObject store(JsonHttp rest) {
    return rest.get("/api/stores/" + storeId).json();
  }

  /** Polls the job (through whichever API is up now) until it ends. */
  JsonObject awaitEnd(Supplier<JsonHttp> rest, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonObject job = null;
    while (Instant.now().isBefore(deadline)) {
      try {
        job = job(rest.get());
        if (job != null && ENDED.contains(job.getString("state"))) return job;
      } catch (RuntimeException apiDown) {
        // the API is restarting: ask again
      }
      Chaos.pause(200);
    }
    throw new AssertionError("job " + jobId + " of " + storeId + " did not end within " + timeout + ": " + job);
  }

  /** The tokens the sandbox issued to this user: CJ's side of the truth. */
  JsonArray tokensIssued() {
    return sandbox.get("/_sandbox/tokens?email=" + email).jsonArray();
  }

  static JsonObject expect(JsonHttp.Response response, int status) {
    assertThat(response.status()).as(response.body()).isEqualTo(status);
    return response.json();
  }
}
