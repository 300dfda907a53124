package com.aap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control calls a recurring sync is tested with: commissions and corrections posted after the company was
 * created, a revoked token, a user removed from a company, and a share of calls answered 429.
 */
@ExtendWith(VertxExtension.class)
class LaterDataTest {
  private static final long CID = 3_200_001;
  private static final String EMAIL = "later@example.test";

  private SandboxServer server;
  private SandboxClient client;
  private String token;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests());
    client = new SandboxClient(vertx, server);
    client.createCompany(CID, "Later Co", 20);
    client.createUser(EMAIL, "pw", null, CID);
    token = client.issueToken(EMAIL, "app");
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void commissionsAddedLaterArePostedNowWithTheNextIds() {
    JsonObject added = SandboxClient.expect(201, client.postJson("/_sandbox/companies/" + CID + "/commissions",
        new JsonObject().put("count", 3), null)).bodyAsJsonObject();

    assertThat(added.getJsonArray("commissionIds")).containsExactly("32000010000025", "32000010000026", "32000010000027");
    List<JsonObject> records = recent();
    assertThat(records).hasSize(3).allMatch(r -> r.getBoolean("original"));
    assertThat(records).extracting(r -> r.getString("originalActionId")).doesNotHaveDuplicates();
  }

  @Test
  void aCorrectionIsTwoNewRecordsLinkedToTheOriginal() {
    JsonObject original = all().stream().filter(r -> r.getBoolean("original")).findFirst().orElseThrow();

    JsonObject correction = SandboxClient.expect(201, client.postJson("/_sandbox/companies/" + CID + "/corrections",
        new JsonObject().put("commissionId", original.getString("commissionId")), null)).bodyAsJsonObject();

    assertThat(correction.getJsonArray("commissionIds")).hasSize(2);
    assertThat(recent()).hasSize(2).allSatisfy(r -> {
      assertThat(r.getBoolean("original")).isFalse();
      assertThat(r.getString("originalActionId")).isEqualTo(original.getString("originalActionId"));
    });
    assertThat(client.postJson("/_sandbox/companies/" + CID + "/corrections",
        new JsonObject().put("commissionId", "999"), null).bodyAsString()).contains("commissionId");
  }

  @Test
  void aRevokedTokenIsUnauthenticatedAndARemovedUserForbidden() {
    String other = client.issueToken(EMAIL, "other");
    JsonObject revoked = SandboxClient.expect(200, client.postJson("/_sandbox/tokens/revoke",
        new JsonObject().put("token", token), null)).bodyAsJsonObject();

    assertThat(revoked.getInteger("revoked")).isEqualTo(1);
    assertThat(client.query(token, count()).bodyAsString()).contains("UNAUTHENTICATED");
    assertThat(client.query(other, count()).statusCode()).isEqualTo(200);

    SandboxClient.expect(200, client.delete("/_sandbox/users/" + EMAIL + "/companies/" + CID));
    assertThat(client.query(other, count()).bodyAsString()).contains("FORBIDDEN");
  }

  @Test
  void aShareOfCallsIsAnswered429AndAnEarlyCallIsCounted() {
    client.putJson("/_sandbox/faults", new JsonObject().put("rateLimitPercent", 30).put("retryAfterSeconds", 2));
    List<Integer> statuses = new ArrayList<>();
    String retryAfter = null;
    for (int i = 0; i < 10; i++) {
      HttpResponse<Buffer> response = client.query(client.issueToken(EMAIL, "t" + i), count());
      statuses.add(response.statusCode());
      if (response.statusCode() == 429) retryAfter = response.getHeader("Retry-After");
    }
    assertThat(statuses).filteredOn(s -> s == 429).hasSize(3);
    assertThat(retryAfter).isEqualTo("2");

    String limited = null;
    for (int i = 0; limited == null; i++) {
      String t = client.issueToken(EMAIL, "u" + i);
      if (client.query(t, count()).statusCode() == 429) limited = t;
    }
    assertThat(client.query(limited, count()).statusCode()).isEqualTo(429);
    JsonObject rateLimit = client.get("/_sandbox/faults", null).bodyAsJsonObject().getJsonObject("rateLimit");
    assertThat(rateLimit.getLong("callsBeforeRetryAfter")).isEqualTo(1);
  }

  private List<JsonObject> recent() {
    Instant now = Instant.now();
    return records(now.minus(1, ChronoUnit.HOURS), now.plusSeconds(5));
  }

  private List<JsonObject> all() {
    Instant now = Instant.now();
    return records(now.minus(30, ChronoUnit.DAYS), now.plusSeconds(5));
  }

  private List<JsonObject> records(Instant since, Instant before) {
    String query = "{ advertiserCommissions(forAdvertisers: [\"" + CID + "\"], sincePostingDate: \"" + since
        + "\", beforePostingDate: \"" + before + "\") { records { commissionId originalActionId original } } }";
    JsonArray records = SandboxClient.expect(200, client.query(token, query)).bodyAsJsonObject()
        .getJsonObject("data").getJsonObject("advertiserCommissions").getJsonArray("records");
    return records.stream().map(JsonObject.class::cast).toList();
  }

  private static String count() {
    Instant now = Instant.now();
    return "{ advertiserCommissions(forAdvertisers: [\"" + CID + "\"], sincePostingDate: \"" + now.minusSeconds(86_400)
        + "\", beforePostingDate: \"" + now + "\") { count } }";
  }
}
