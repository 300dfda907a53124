package com.aap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SignInTest {
  private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
  /** What SECRET decodes to: "Hello!" 0xDEADBEEF, twice (the well-known authenticator example). */
  private static final byte[] SECRET_BYTES = {0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, (byte) 0xde, (byte) 0xad,
      (byte) 0xbe, (byte) 0xef, 0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, (byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef};
  private static final String RETURN_TO = "/account/personal-access-tokens";

  private SandboxServer server;
  private SandboxClient client;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests());
    client = new SandboxClient(vertx, server);
    client.createCompany(2_000_001, "Test Co", 0);
    client.createUser("plain@example.test", "right-password", null, 2_000_001);
    client.createUser("otp@example.test", "otp-password", SECRET, 2_000_001);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void identifierStepLeadsToThePasswordPageKeepingReturnTo() {
    HttpResponse<Buffer> page = client.postForm("/u/login/identifier",
        form("username", "plain@example.test", "returnTo", RETURN_TO));

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.bodyAsString())
        .contains("action=\"/u/login/password\"", "<label for=\"password\">Password</label>")
        .contains("name=\"returnTo\" value=\"" + RETURN_TO + "\"");
  }

  @Test
  void correctPasswordSetsAnHttpOnlySessionCookieAndRedirectsToReturnTo() {
    HttpResponse<Buffer> response = client.postForm("/u/login/password",
        form("username", "plain@example.test", "password", "right-password", "returnTo", RETURN_TO));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.getHeader("location")).isEqualTo(RETURN_TO);
    assertThat(response.headers().getAll("set-cookie"))
        .anySatisfy(cookie -> assertThat(cookie).startsWith("cj_session=").containsIgnoringCase("HttpOnly")
            .containsIgnoringCase("SameSite=Lax"));
    String page = client.get(RETURN_TO, SandboxClient.sessionCookie(response)).bodyAsString();
    assertThat(page).contains("plain@example.test", "REGISTER");
  }

  @Test
  void wrongPasswordShowsTheAlertAndNoCookie() {
    HttpResponse<Buffer> response = client.postForm("/u/login/password",
        form("username", "plain@example.test", "password", "wrong", "returnTo", RETURN_TO));

    assertThat(response.bodyAsString()).contains("<p role=\"alert\">Wrong email or password.</p>");
    assertThat(SandboxClient.sessionCookie(response)).isNull();
  }

  @Test
  void unknownEmailShowsTheSameAlertAsAWrongPassword() {
    HttpResponse<Buffer> response = client.postForm("/u/login/password",
        form("username", "nobody@example.test", "password", "right-password", "returnTo", "/"));

    assertThat(response.bodyAsString()).contains("<p role=\"alert\">Wrong email or password.</p>");
  }

  @Test
  void returnToOutsideTheSiteFallsBackToTheHomePage() {
    HttpResponse<Buffer> response = client.postForm("/u/login/password",
        form("username", "plain@example.test", "password", "right-password", "returnTo", "//evil.example/x"));

    assertThat(response.getHeader("location")).isEqualTo("/");
  }

  @Test
  void totpUserIsAskedForTheOneTimeCodeBeforeGettingASession() {
    HttpResponse<Buffer> response = passwordStep();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.bodyAsString()).contains("Enter your one-time code", "action=\"/u/mfa-otp-challenge\"");
    assertThat(SandboxClient.sessionCookie(response)).isNull();
  }

  @Test
  void totpStepAcceptsTheCurrentCodeAndRedirectsToReturnTo() throws Exception {
    HttpResponse<Buffer> response = client.postForm("/u/mfa-otp-challenge",
        form("state", state(passwordStep()), "code", code(Instant.now()), "returnTo", RETURN_TO));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.getHeader("location")).isEqualTo(RETURN_TO);
    assertThat(SandboxClient.sessionCookie(response)).isNotBlank();
  }

  @Test
  void totpStepRejectsACodeFromTenMinutesAgo() throws Exception {
    HttpResponse<Buffer> response = client.postForm("/u/mfa-otp-challenge",
        form("state", state(passwordStep()), "code", code(Instant.now().minus(Duration.ofMinutes(10))),
            "returnTo", RETURN_TO));

    assertThat(response.bodyAsString()).contains("<p role=\"alert\">Invalid code.</p>");
    assertThat(SandboxClient.sessionCookie(response)).isNull();
  }

  private HttpResponse<Buffer> passwordStep() {
    return client.postForm("/u/login/password",
        form("username", "otp@example.test", "password", "otp-password", "returnTo", RETURN_TO));
  }

  private static String state(HttpResponse<Buffer> otpPage) {
    Matcher matcher = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(otpPage.bodyAsString());
    assertThat(matcher.find()).as("state field on the one-time-code page").isTrue();
    return matcher.group(1);
  }

  /** Computed with java-otp directly, independently of the sandbox's own verifier. */
  private static String code(Instant at) throws Exception {
    TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator();
    return generator.generateOneTimePasswordString(new SecretKeySpec(SECRET_BYTES, "HmacSHA1"), at, Locale.ROOT);
  }

  private static MultiMap form(String... pairs) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    for (int i = 0; i < pairs.length; i += 2) {
      form.add(pairs[i], pairs[i + 1]);
    }
    return form;
  }
}
