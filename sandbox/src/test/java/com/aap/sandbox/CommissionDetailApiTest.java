package com.aap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class CommissionDetailApiTest {
  private static final long CID = 4_000_001;
  private static final long OTHER_CID = 4_000_002;
  private static final int ORIGINALS = 95;
  private static final int PAGE_LIMIT = 10;

  private SandboxServer server;
  private SandboxClient client;
  private String token;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests().withPageLimit(PAGE_LIMIT));
    client = new SandboxClient(vertx, server);
    client.createCompany(CID, "Paged Co", ORIGINALS);
    client.createCompany(OTHER_CID, "Someone Else", 5);
    client.createUser("api@example.test", "pw", null, CID);
    token = client.issueToken("api@example.test", "api_test");
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void pagingReturnsEveryRecordExactlyOnceAndMatchesTheCommissionCount() {
    Instant end = Instant.now().plus(Duration.ofMinutes(1));
    List<String> ids = new ArrayList<>();
    int counted = 0;
    for (Instant since = end.minus(Duration.ofDays(124)); since.isBefore(end); since = since.plus(Duration.ofDays(31))) {
      Instant before = since.plus(Duration.ofDays(31)).isAfter(end) ? end : since.plus(Duration.ofDays(31));
      ids.addAll(allIdsIn(since, before));
      counted += client.commissionCount(CID, since, before);
    }

    assertThat(ids).doesNotHaveDuplicates().hasSize(ORIGINALS + 2 * (ORIGINALS / 10));
    assertThat(counted).isEqualTo(ids.size());
    assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(Long.parseLong(a), Long.parseLong(b)));
  }

  @Test
  void aFullPageReportsLimitCountAndMaxCommissionIdAndMoreToCome() {
    Instant before = Instant.now().truncatedTo(ChronoUnit.DAYS);
    JsonObject page = commissions(before.minus(Duration.ofDays(31)), before, null, "count limit maxCommissionId "
        + "payloadComplete records { commissionId }");

    assertThat(page.getInteger("count")).isEqualTo(PAGE_LIMIT);
    assertThat(page.getInteger("limit")).isEqualTo(PAGE_LIMIT);
    assertThat(page.getBoolean("payloadComplete")).isFalse();
    assertThat(page.getString("maxCommissionId"))
        .isEqualTo(page.getJsonArray("records").getJsonObject(PAGE_LIMIT - 1).getString("commissionId"));
  }

  @Test
  void windowOverThirtyOneDaysIsBadUserInput() {
    Instant before = Instant.now();
    JsonObject body = query(token, CID, before.minus(Duration.ofDays(32)), before, null, "count").bodyAsJsonObject();

    assertThat(errorCode(body)).isEqualTo("BAD_USER_INPUT");
  }

  @Test
  void missingPostingDatesAreBadUserInput() {
    HttpResponse<Buffer> response = client.query(token,
        "{ advertiserCommissions(forAdvertisers: [\"" + CID + "\"]) { count } }");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(errorCode(response.bodyAsJsonObject())).isEqualTo("BAD_USER_INPUT");
  }

  @Test
  void aCompanyTheTokenOwnerDoesNotBelongToIsForbidden() {
    Instant before = Instant.now();
    HttpResponse<Buffer> response = query(token, OTHER_CID, before.minus(Duration.ofDays(1)), before, null, "count");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(errorCode(response.bodyAsJsonObject())).isEqualTo("FORBIDDEN");
  }

  @Test
  void noTokenIsUnauthenticatedWith401() {
    Instant before = Instant.now();
    HttpResponse<Buffer> response = query(null, CID, before.minus(Duration.ofDays(1)), before, null, "count");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response.bodyAsJsonObject())).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void anUnknownTokenIsUnauthenticatedWith401() {
    Instant before = Instant.now();
    HttpResponse<Buffer> response = query("A".repeat(40), CID, before.minus(Duration.ofDays(1)), before, null,
        "count");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response.bodyAsJsonObject())).isEqualTo("UNAUTHENTICATED");
  }

  @Test
  void moneyIsADecimalStringWithTwoPlacesAndDatesAreUtc() {
    Instant before = Instant.now();
    JsonObject record = commissions(before.minus(Duration.ofDays(31)), before, null,
        "records { saleAmountAdvCurrency postingDate items { totalCommissionAdvCurrency } }")
        .getJsonArray("records").getJsonObject(0);

    assertThat(record.getString("saleAmountAdvCurrency")).matches("-?\\d+\\.\\d{2}");
    assertThat(record.getString("postingDate")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
    assertThat(record.getJsonArray("items").getJsonObject(0).getString("totalCommissionAdvCurrency"))
        .matches("-?\\d+\\.\\d{2}");
  }

  private List<String> allIdsIn(Instant since, Instant before) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    while (true) {
      JsonObject page = commissions(since, before, cursor, "count maxCommissionId payloadComplete "
          + "records { commissionId }");
      page.getJsonArray("records").forEach(r -> ids.add(((JsonObject) r).getString("commissionId")));
      assertThat(page.getInteger("count")).isLessThanOrEqualTo(PAGE_LIMIT);
      if (page.getBoolean("payloadComplete")) {
        return ids;
      }
      cursor = page.getString("maxCommissionId");
    }
  }

  private JsonObject commissions(Instant since, Instant before, String cursor, String selection) {
    JsonObject body = SandboxClient.expect(200, query(token, CID, since, before, cursor, selection))
        .bodyAsJsonObject();
    assertThat(body.getJsonArray("errors")).as("errors").isNull();
    return body.getJsonObject("data").getJsonObject("advertiserCommissions");
  }

  private HttpResponse<Buffer> query(String bearer, long cid, Instant since, Instant before, String cursor,
      String selection) {
    String cursorArg = cursor == null ? "" : ", sinceCommissionId: \"" + cursor + "\"";
    return client.query(bearer, "{ advertiserCommissions(forAdvertisers: [\"" + cid + "\"], sincePostingDate: \""
        + since + "\", beforePostingDate: \"" + before + "\"" + cursorArg + ") { " + selection + " } }");
  }

  private static String errorCode(JsonObject body) {
    return body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
  }
}
