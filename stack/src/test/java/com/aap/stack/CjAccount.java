package com.aap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
  /** The company of the account's first store: the user's first company. */
  final String cid;
  /** Every company the user may act for, {@link #cid} first. */
  final List<String> cids;
  final String email;
  final String password;
  final String storeId;
  String loginId;

  private CjAccount(Stack stack, List<String> cids, String email, String password, String storeId) {
    this.stack = stack;
    this.cid = cids.get(0);
    this.cids = List.copyOf(cids);
    this.email = email;
    this.password = password;
    this.storeId = storeId;
  }

  /** A sandbox company with {@code commissions} commissions and a user who may act for it. */
  static CjAccount inSandbox(Stack stack, int commissions, String totpSecret) {
    return inSandbox(stack, null, commissions, totpSecret, 1);
  }

  /**
   * {@code companies} sandbox companies with {@code commissions} commissions each and a user who may act
   * for all of them, who sees the sandbox's pages in {@code skin} ("a", "b", "c"; null: the configured one).
   */
  static CjAccount inSandbox(Stack stack, String skin, int commissions, String totpSecret, int companies) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    int first = ThreadLocalRandom.current().nextInt(3_000_000, 9_000_000);
    List<String> cids = new ArrayList<>();
    for (int i = 0; i < companies; i++) {
      String cid = String.valueOf(first + i);
      assertThat(Http.post(stack.sandbox("/_sandbox/companies"), Map.of("cid", cid,
          "name", "Company " + suffix + (i == 0 ? "" : " " + i), "commissions", commissions)).status()).isEqualTo(201);
      cids.add(cid);
    }
    var account = new CjAccount(stack, cids, "ops-" + suffix + "@agency.example",
        "Pw-" + UUID.randomUUID().toString().replace("-", ""), "store-" + suffix);
    var user = new LinkedHashMap<String, Object>(Map.of("email", account.email, "password", account.password,
        "cids", cids));
    if (totpSecret != null) {
      user.put("totpSecret", totpSecret);
    }
    if (skin != null) {
      user.put("skin", skin);
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
    addStore(storeId, companyId, authorized);
    return this;
  }

  /** Another agency-authorized store of this CJ login, for {@code companyId}; returns its id. */
  String anotherStore(String companyId) {
    String id = storeId + "-" + companyId;
    addStore(id, companyId, true);
    return id;
  }

  private void addStore(String id, String companyId, boolean authorized) {
    var store = new LinkedHashMap<String, Object>(Map.of("id", id, "name", "Store " + id,
        "cjCompanyId", companyId, "cjLoginId", loginId));
    if (authorized) {
      store.put("agencyAuthorization", Map.of("signedOn", LocalDate.now().minusDays(3).toString(),
          "reference", "AAA-" + id));
    }
    assertThat(Http.post(stack.api("/api/stores"), store).status()).isEqualTo(201);
  }

  /** An agency-authorized store for this company, provisioned with the right password. */
  static CjAccount ready(Stack stack, int commissions) {
    return ready(stack, null, commissions);
  }

  /** The same, for a user who sees the sandbox in {@code skin} (null: the configured one). */
  static CjAccount ready(Stack stack, String skin, int commissions) {
    CjAccount account = inSandbox(stack, skin, commissions, null, 1);
    return account.loginInApi(account.password, null).storeInApi(account.cid, true);
  }

  String provision() {
    return provision(storeId);
  }

  String provision(String store) {
    Http.Reply reply = Http.post(stack.api("/api/stores/" + store + "/provision"), Map.of());
    assertThat(reply.status()).as("provision %s: %s", store, reply.body()).isEqualTo(202);
    return reply.body().path("jobId").asText();
  }

  JsonNode awaitJobEnd(String jobId, Duration timeout) {
    return awaitEnd(stack.api("/api/jobs/" + jobId), timeout);
  }

  /** Polls a job's view (a job or a portal check) until it is in an end state. */
  static JsonNode awaitEnd(String url, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode job;
    do {
      job = Http.get(url).body();
      if (List.of("succeeded", "failed", "needs_attention", "cancelled").contains(job.path("state").asText())) {
        return job;
      }
      pause(200);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError(url + " did not end within " + timeout + ": " + job);
  }

  JsonNode store() {
    return store(storeId);
  }

  JsonNode store(String id) {
    return Http.get(stack.api("/api/stores/" + id)).body();
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
    var tokens = new ArrayList<JsonNode>();
    Http.get(stack.sandbox("/_sandbox/tokens")).body().forEach(token -> {
      if (email.equals(token.path("email").asText())) {
        tokens.add(token);
      }
    });
    return tokens;
  }

  /** A token the user registers in CJ themselves, for the account's company (as the portal would issue it). */
  String tokenInSandbox() {
    Http.Reply reply = Http.post(stack.sandbox("/_sandbox/tokens"), Map.of("email", email, "name", "own_token", "cid", cid));
    assertThat(reply.status()).isEqualTo(201);
    return reply.body().path("token").asText();
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
