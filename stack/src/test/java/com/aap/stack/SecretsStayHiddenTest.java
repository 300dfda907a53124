package com.aap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.api.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a whole provisioning, and a token entered by hand in Store Settings (one CJ accepts and replaces
 * with, one for another user's company and a made-up one CJ refuses), the CJ password and the tokens
 * appear in plain text nowhere: not in any database column, not in the logs of the API, agent and sandbox,
 * not in any REST response.
 */
class SecretsStayHiddenTest {

  private static CjAccount account;
  private static List<String> secrets;

  @BeforeAll
  static void provisionOneStoreAndEnterTokensByHand() {
    account = CjAccount.ready(Stack.get(), 50);
    String state = account.awaitJobEnd(account.provision(), Duration.ofSeconds(60)).path("state").asText();
    assertThat(state).isEqualTo("succeeded");
    account.awaitCommissionsRetrieved(Duration.ofSeconds(60));
    String token = account.tokensIssued().get(0).path("token").asText();
    String entered = account.tokenInSandbox();
    String foreign = CjAccount.inSandbox(account.stack, 1, null).tokenInSandbox();
    String madeUp = "Mx" + UUID.randomUUID().toString().replace("-", "");
    assertThat(enterByHand(foreign)).isEqualTo(422);
    assertThat(enterByHand(madeUp)).isEqualTo(422);
    assertThat(enterByHand(entered)).isEqualTo(200);
    assertThat(account.store().path("settings").path("possiblyOrphanedTokens").size()).isEqualTo(1);
    secrets = List.of(account.password, token, entered, foreign, madeUp);
  }

  private static int enterByHand(String token) {
    return Http.put(account.stack.api("/api/stores/" + account.storeId + "/cj-access-token"), Map.of("token", token))
        .status();
  }

  @Test
  void noDatabaseColumnHoldsThePasswordOrTheTokens() throws SQLException {
    String everything = String.join("\n", dumpEveryTable());

    assertThat(everything).contains(account.storeId).contains("store.token_entered");
    for (String secret : secrets) {
      assertThat(everything).doesNotContain(secret)
          .doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void noLogLineHoldsThePasswordOrTheTokens() {
    assertThat(RecordingAppender.LINES).anyMatch(line -> line.contains(account.storeId) || line.contains("job"));
    assertThat(RecordingAppender.LINES).anyMatch(line -> line.contains("CjAccessTokens"));
    for (String secret : secrets) {
      assertThat(RecordingAppender.LINES).noneMatch(line -> line.contains(secret));
    }
  }

  @Test
  void noApiResponseHoldsThePasswordOrTheTokens() {
    List<String> apiResponses = Http.EXCHANGES.stream()
        .filter(exchange -> exchange.url().startsWith(account.stack.api.baseUrl()))
        .map(Http.Exchange::responseBody).toList();

    assertThat(apiResponses).anyMatch(body -> body.contains(account.storeId))
        .anyMatch(body -> body.contains("token_not_allowed_for_company"));
    for (String secret : secrets) {
      assertThat(apiResponses).noneMatch(body -> body.contains(secret));
    }
  }

  /** Every row of every table of the API's schema, as PostgreSQL's text form of the row. */
  private static List<String> dumpEveryTable() throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection db = TestDatabase.connect();
         Statement sql = db.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = sql.executeQuery(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertThat(tables).contains("stores", "jobs");
      for (String table : tables) {
        try (ResultSet rs = sql.executeQuery("SELECT t::text FROM \"" + table + "\" t")) {
          while (rs.next()) {
            rows.add(table + ": " + rs.getString(1));
          }
        }
      }
    }
    return rows;
  }
}
