package com.aap.api.db;

import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DATABASE_URL's sslmode and sslrootcert reach both clients: an embedded PostgreSQL with TLS on (a test CA's
 * certificate for {@code localhost} only, src/test/resources/tls), migrated by Flyway and queried by the pool.
 */
class TlsDatabaseTest {

  private static EmbeddedPostgres postgres;
  private static Path tls;
  private static Vertx vertx;

  @BeforeAll
  static void startPostgresWithTls() throws Exception {
    tls = Files.createTempDirectory("aap-tls");
    for (String file : new String[] {"ca.pem", "other-ca.pem", "server.crt", "server.key"}) {
      try (InputStream in = TlsDatabaseTest.class.getResourceAsStream("/tls/" + file)) {
        Files.copy(in, tls.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.setPosixFilePermissions(tls.resolve("server.key"), PosixFilePermissions.fromString("rw-------"));
    postgres = EmbeddedPostgres.builder()
        .setServerConfig("ssl", "on")
        .setServerConfig("ssl_cert_file", tls.resolve("server.crt").toString())
        .setServerConfig("ssl_key_file", tls.resolve("server.key").toString())
        .start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx != null) vertx.close().await(10, TimeUnit.SECONDS);
    if (postgres != null) postgres.close();
  }

  private static String url(String host, String query) {
    return "postgresql://postgres:postgres@" + host + ":" + postgres.getPort() + "/postgres?" + query;
  }

  /** Whether the pool's connection is encrypted, as the server sees it. */
  private static boolean poolConnectionIsEncrypted(String databaseUrl) throws Exception {
    Pool pool = Database.pool(vertx, databaseUrl);
    try {
      return pool.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").execute()
          .await(20, TimeUnit.SECONDS).iterator().next().getBoolean("ssl");
    } finally {
      pool.close().await(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void verifyFullWithTheServersCaEncryptsBothClients() throws Exception {
    String url = url("localhost", "sslmode=verify-full&sslrootcert=" + tls.resolve("ca.pem"));

    Migrations.migrate(url);

    assertThat(poolConnectionIsEncrypted(url)).isTrue();
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    try (Connection jdbc = DriverManager.getConnection(parsed.jdbcUrl(), parsed.user(), parsed.password());
         ResultSet rs = jdbc.createStatement().executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
      rs.next();
      assertThat(rs.getBoolean(1)).as("JDBC, as Flyway uses it").isTrue();
    }
  }

  @Test
  void verifyFullRefusesAHostTheCertificateDoesNotName() {
    String url = url("127.0.0.1", "sslmode=verify-full&sslrootcert=" + tls.resolve("ca.pem"));

    assertThatThrownBy(() -> poolConnectionIsEncrypted(url)).as("the pool").hasMessageContaining("SSL handshake failed");
    assertThatThrownBy(() -> Migrations.migrate(url)).as("Flyway").hasStackTraceContaining("hostname 127.0.0.1 could not be verified");
  }

  @Test
  void verifyCaRefusesAServerSignedByAnotherCa() {
    String url = url("localhost", "sslmode=verify-ca&sslrootcert=" + tls.resolve("other-ca.pem"));

    assertThatThrownBy(() -> poolConnectionIsEncrypted(url)).as("the pool").hasMessageContaining("SSL handshake failed");
    assertThatThrownBy(() -> Migrations.migrate(url)).as("Flyway").hasStackTraceContaining("unable to find valid certification path");
  }

  @Test
  void requireEncryptsWithoutCheckingTheServer() throws Exception {
    assertThat(poolConnectionIsEncrypted(url("127.0.0.1", "sslmode=require"))).isTrue();
  }

  @Test
  void withoutSslmodeThePoolDoesNotEncryptAsBefore() throws Exception {
    assertThat(poolConnectionIsEncrypted("postgresql://postgres:postgres@localhost:" + postgres.getPort() + "/postgres"))
        .isFalse();
  }
}
