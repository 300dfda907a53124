package com.aap.api.auth;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Passwords are hashed at 600,000 PBKDF2 iterations; a hash an older release made is renewed at sign-in. */
class PasswordRehashTest {

  private static final String EMAIL = "spec@agency.example";
  private static final String PASSWORD = "specialist-password-123";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();

  @Test
  void aNewAccountsPasswordIsHashedAt600000Iterations() throws SQLException {
    api.createAccount(EMAIL, PASSWORD, "specialist");

    assertThat(storedHash()).startsWith("pbkdf2-sha256$600000$");
  }

  @Test
  void aHashWithFewerIterationsIsRenewedAtTheNextSignIn() throws SQLException {
    api.createAccount(EMAIL, PASSWORD, "specialist");
    setStoredHash(Passwords.hash(PASSWORD, 210_000));

    api.signIn(EMAIL, PASSWORD);

    String renewed = storedHash();
    assertThat(renewed).startsWith("pbkdf2-sha256$600000$");
    assertThat(Passwords.matches(PASSWORD, renewed)).isTrue();
    api.signIn(EMAIL, PASSWORD);
    assertThat(storedHash()).isEqualTo(renewed);
  }

  @Test
  void aWrongPasswordLeavesAnOldHashAlone() throws SQLException {
    api.createAccount(EMAIL, PASSWORD, "specialist");
    String old = Passwords.hash(PASSWORD, 210_000);
    setStoredHash(old);

    int status = api.anonymous().post("/api/session", new JsonObject().put("email", EMAIL).put("password", "wrong"))
        .status();

    assertThat(status).isEqualTo(401);
    assertThat(storedHash()).isEqualTo(old);
  }

  private static String storedHash() throws SQLException {
    try (Connection conn = TestDatabase.connect();
         PreparedStatement st = conn.prepareStatement("SELECT password_hash FROM accounts WHERE email = ?")) {
      st.setString(1, EMAIL);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  private static void setStoredHash(String hash) throws SQLException {
    try (Connection conn = TestDatabase.connect();
         PreparedStatement st = conn.prepareStatement("UPDATE accounts SET password_hash = ? WHERE email = ?")) {
      st.setString(1, hash);
      st.setString(2, EMAIL);
      assertThat(st.executeUpdate()).isEqualTo(1);
    }
  }
}
