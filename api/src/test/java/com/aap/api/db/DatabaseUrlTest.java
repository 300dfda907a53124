package com.aap.api.db;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatabaseUrlTest {

  @Test
  void readsHostPortDatabaseAndCredentials() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://aap:p%40ss%3Aword@db.internal:6432/aap_prod");

    assertThat(url.host()).isEqualTo("db.internal");
    assertThat(url.port()).isEqualTo(6432);
    assertThat(url.database()).isEqualTo("aap_prod");
    assertThat(url.user()).isEqualTo("aap");
    assertThat(url.password()).isEqualTo("p@ss:word");
    assertThat(url.sslMode()).isNull();
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/aap_prod");
    assertThat(url.toString()).doesNotContain("p@ss");
  }

  @Test
  void passesSslModeAndTheCaFileToJdbc() throws Exception {
    Path ca = Files.createTempFile("ca ", ".pem");

    DatabaseUrl url = DatabaseUrl.parse("postgresql://aap:pw@db.internal/aap?sslmode=verify-full&sslrootcert="
        + ca.toString().replace(" ", "%20"));

    assertThat(url.sslMode()).isEqualTo("verify-full");
    assertThat(url.sslRootCert()).isEqualTo(ca.toString());
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5432/aap?sslmode=verify-full&sslrootcert="
        + java.net.URLEncoder.encode(ca.toString(), java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void requireWithACaChecksTheCertificateAsLibpqDoes() throws Exception {
    Path ca = Files.createTempFile("ca", ".pem");

    assertThat(DatabaseUrl.parse("postgresql://h/db?sslmode=require").effectiveSslMode()).isEqualTo("require");
    assertThat(DatabaseUrl.parse("postgresql://h/db?sslmode=require&sslrootcert=" + ca).effectiveSslMode())
        .isEqualTo("verify-ca");
  }

  @Test
  void aBadTlsSettingNamesDatabaseUrl() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h/db?sslmode=verify_full"))
        .hasMessageStartingWith("DATABASE_URL sslmode must be one of");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h/db?sslmode=verify-full"))
        .hasMessageStartingWith("DATABASE_URL sslmode=verify-full needs sslrootcert");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h/db?sslmode=verify-ca&sslrootcert=/no/such/ca.pem"))
        .hasMessage("DATABASE_URL sslrootcert /no/such/ca.pem cannot be read");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgresql://h/db?ssl=true"))
        .as("a typo must not quietly connect in clear text").hasMessageContaining("unknown parameter 'ssl'");
  }
}
