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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * After a whole provisioning, the CJ password and the token appear in plain text nowhere: not in any
 * database column, not in the logs of the API, agent and sandbox, not in any REST response.
 */
class SecretsStayHiddenTest {

  private static CjAccount account;
  private static String token;

  @BeforeAll
  static void provisionOneStore() {
    account = CjAccount.ready(Stack.get(), 50);
    String state = account.awaitJobEnd(account.provision(), Duration.ofSeconds(60)).path("state").asText();
    assertThat(state).isEqualTo("succeeded");
    account.awaitCommissionsRetrieved(Duration.ofSeconds(60));
    token = account.tokensIssued().get(0).path("token").asText();
  }

  @Test
  void noDatabaseColumnHoldsThePasswordOrTheToken() throws SQLException {
    String everything = String.join("\n", dumpEveryTable());

    assertThat(everything).contains(account.storeId);
    for (String secret : List.of(account.password, token)) {
      assertThat(everything).doesNotContain(secret)
          .doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void noLogLineHoldsThePasswordOrTheToken() {
    assertThat(RecordingAppender.LINES).anyMatch(line -> line.contains(account.storeId) || line.contains("job"));
    assertThat(RecordingAppender.LINES).noneMatch(line -> line.contains(account.password))
        .noneMatch(line -> line.contains(token));
  }

  @Test
  void noApiResponseHoldsThePasswordOrTheToken() {
    List<String> apiResponses = Http.EXCHANGES.stream()
        .filter(exchange -> exchange.url().startsWith(account.stack.api.baseUrl()))
        .map(Http.Exchange::responseBody).toList();

    assertThat(apiResponses).anyMatch(body -> body.contains(account.storeId));
    assertThat(apiResponses)
        .noneMatch(body -> body.contains(account.password))
        .noneMatch(body -> body.contains(token));
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
