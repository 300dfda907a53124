package com.aap.api.testing;

import com.aap.api.db.DatabaseUrl;
import com.aap.api.db.EmbeddedDatabase;
import com.aap.api.db.Migrations;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One PostgreSQL per test JVM, migrated: {@code DATABASE_URL} if set, else a Testcontainers PostgreSQL
 * when Docker is available, else an embedded PostgreSQL. {@link #reset()} empties every table.
 */
public final class TestDatabase {

  private static String url;

  private TestDatabase() {
  }

  public static synchronized String url() {
    if (url == null) {
      url = start();
      Migrations.migrate(url);
    }
    return url;
  }

  /** Truncates every table except Flyway's history. */
  public static void reset() {
    try (Connection conn = connect(); Statement st = conn.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
          + " AND tablename <> 'flyway_schema_history'")) {
        while (rs.next()) tables.add('"' + rs.getString(1) + '"');
      }
      if (!tables.isEmpty()) st.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot reset the test database", e);
    }
  }

  /** A JDBC connection to the test database, for assertions on rows. */
  public static Connection connect() throws SQLException {
    DatabaseUrl parsed = DatabaseUrl.parse(url());
    return DriverManager.getConnection(parsed.jdbcUrl(), parsed.user(), parsed.password());
  }

  /** The number a {@code SELECT count(*) ...} returns. */
  public static long count(String sql) throws SQLException {
    try (Connection conn = connect(); Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The text a {@code SELECT} of one value returns (null when no row). */
  public static String text(String sql) throws SQLException {
    try (Connection conn = connect(); Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  private static String start() {
    String external = System.getenv("DATABASE_URL");
    if (external != null && !external.isBlank()) return external;
    if (dockerAvailable()) {
      PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return "postgresql://" + container.getUsername() + ":" + container.getPassword() + "@" + container.getHost()
          + ":" + container.getMappedPort(5432) + "/" + container.getDatabaseName();
    }
    EmbeddedDatabase embedded = EmbeddedDatabase.start();
    Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
    return embedded.url();
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }
}
