package com.aap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One advertiser set up on both sides for a test: a company and its user in the CJ sandbox, the CJ
 * login and the store in the API. Every test gets its own, so tests share the stack but no data.
 */
final class CjAccount {

  final Stack stack;
  final String cid;
  final String email;
  final String password;
  final String storeId;
  String loginId;

  private CjAccount(Stack stack, String cid, String email, String password, String storeId) {
    this.stack = stack;
    this.cid = cid;
    this.email = email;
    this.password = password;
    this.storeId = storeId;
  }

  /** A sandbox company with {@code commissions} commissions and a user who may act for it. */
  static CjAccount inSandbox(Stack stack, int commissions, String totpSecret) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    String cid = String.valueOf(ThreadLocalRandom.current().nextInt(3_000_000, 9_000_000));
    var account = new CjAccount(stack, cid, "ops-" + suffix + "@agency.example",
        "Pw-" + UUID.randomUUID().toString().replace("-", ""), "store-" + suffix);
    assertThat(Http.post(stack.sandbox("/_sandbox/companies"),
        Map.of("cid", cid, "name", "Company " + suffix, "commissions", commissions)).status()).isEqualTo(201);
    var user = new LinkedHashMap<String, Object>(Map.of("email", account.email, "password", account.password,
        "cids", List.of(cid)));
    if (totpSecret != null) {
      user.put("totpSecret", totpSecret);
    }
    assertThat(Http.post(stack.sandbox("/_sandbox/users"), user).status()).isEqualTo(201);
    return account;
  }

  /** Registers the CJ login in the API with the given password (the right one or not). */
  CjAccount loginInApi(String passwordGiven, String totpSecret) {
    var body = new LinkedHashMap<String, Object>(Map.of("email", email, "password", passwordGiven));
    if (totpSecret != null) {
      body.put("totpSecret", totpSecret);
    }
    Http.Reply reply = Http.post(stack.api("/api/cj-logins"), body);
    assertThat(reply.status()).isEqualTo(201);
    loginId = reply.body().path("id").asText();
    return this;
  }

  CjAccount storeInApi(String companyId, boolean authorized) {
    var store = new LinkedHashMap<String, Object>(Map.of("id", storeId, "name", "Store " + storeId,
        "cjCompanyId", companyId, "cjLoginId", loginId));
    if (authorized) {
      store.put("agencyAuthorization", Map.of("signedOn", LocalDate.now().minusDays(3).toString(),
          "reference", "AAA-" + storeId));
    }
    assertThat(Http.post(stack.api("/api/stores"), store).status()).isEqualTo(201);
    return this;
  }

  /** An agency-authorized store for this company, provisioned with the right password. */
  static CjAccount ready(Stack stack, int commissions) {
    CjAccount account = inSandbox(stack, commissions, null);
    return account.loginInApi(account.password, null).storeInApi(account.cid, true);
  }

  String provision() {
    Http.Reply reply = Http.post(stack.api("/api/stores/" + storeId + "/provision"), Map.of());
    assertThat(reply.status()).isEqualTo(202);
    return reply.body().path("jobId").asText();
  }

  JsonNode awaitJobEnd(String jobId, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode job;
    do {
      job = Http.get(stack.api("/api/jobs/" + jobId)).body();
      if (List.of("succeeded", "failed", "needs_attention").contains(job.path("state").asText())) {
        return job;
      }
      pause(200);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("job " + jobId + " did not end within " + timeout + ": " + job);
  }

  JsonNode store() {
    return Http.get(stack.api("/api/stores/" + storeId)).body();
  }

  JsonNode awaitCommissionsRetrieved(Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonNode store = store();
      if (!store.path("commissions").path("lastRetrievedAt").isNull()
          && !store.path("commissions").path("lastRetrievedAt").isMissingNode()) {
        return store;
      }
      pause(200);
    }
    throw new AssertionError("commissions of " + storeId + " were not retrieved within " + timeout);
  }

  /** The tokens the sandbox issued to this account's user: CJ's side of the truth. */
  List<JsonNode> tokensIssued() {
    var tokens = new java.util.ArrayList<JsonNode>();
    Http.get(stack.sandbox("/_sandbox/tokens")).body().forEach(token -> {
      if (email.equals(token.path("email").asText())) {
        tokens.add(token);
      }
    });
    return tokens;
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
