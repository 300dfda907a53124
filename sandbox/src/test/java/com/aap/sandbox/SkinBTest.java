package com.aap.sandbox;

import static com.aap.sandbox.SandboxClient.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Skin B: hosted sign-in pages under /auth/ and a single-page portal fed by JSON, over plain HTTP. */
@ExtendWith(VertxExtension.class)
class SkinBTest {
  private static final String PAGE = "/account/personal-access-tokens";
  private static final String EMAIL = "spa@example.test";
  private static final String OTP_EMAIL = "spa-otp@example.test";
  private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  private SandboxServer server;
  private SandboxClient client;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests().withSkin(Skin.B));
    client = new SandboxClient(vertx, server);
    client.createCompany(4_000_001, "North & Co", 0);
    client.createCompany(4_000_002, "South Co", 0);
    client.createUser(EMAIL, "pw", null, 4_000_001, 4_000_002);
    client.createUser(OTP_EMAIL, "pw", SECRET, 4_000_001);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void everyPortalPathAnswers200WithTheSameAppShell() {
    String home = SandboxClient.expect(200, client.get("/", null)).bodyAsString();

    assertThat(home).contains("<div id=\"root\"", "'Page not found'");
    assertThat(SandboxClient.expect(200, client.get(PAGE, null)).bodyAsString()).isEqualTo(home);
    assertThat(SandboxClient.expect(200, client.get("/no/such/page", null)).bodyAsString()).isEqualTo(home);
  }

  @Test
  void anUnknownApiPathIsStillA404() {
    assertThat(client.get("/api/portal/nothing", null).statusCode()).isEqualTo(404);
  }

  @Test
  void skinAsSignInPathRedirectsToTheAuthPrefix() {
    HttpResponse<Buffer> response = client.get("/u/login?returnTo=" + PAGE, null);

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.getHeader("location")).isEqualTo("/auth/identifier?returnTo=%2Faccount%2Fpersonal-access-tokens");
  }

  @Test
  void identifierPageHasTheHostedMarkupAndTheCookieBanner() {
    String page = SandboxClient.expect(200, client.get("/auth/identifier?returnTo=" + PAGE, null)).bodyAsString();

    assertThat(page).contains("<h1>Sign in to CJ Affiliate</h1>", "<label for=\"username\">Username or email</label>",
        "id=\"username\" name=\"username\"", "autocomplete=\"username\"", "action=\"/auth/identifier\"",
        "name=\"action\" value=\"default\" class=\"primary\">Next</button>", "id=\"cookie-banner\"", ">Accept all<");
  }

  @Test
  void identifierStepRedirectsToThePasswordPage() {
    HttpResponse<Buffer> response = client.postForm("/auth/identifier", form("username", EMAIL, "returnTo", PAGE));

    assertThat(response.statusCode()).isEqualTo(302);
    String location = response.getHeader("location");
    assertThat(location).startsWith("/auth/password?returnTo=%2Faccount%2Fpersonal-access-tokens&login_hint=");
    assertThat(client.get(location, null).bodyAsString()).contains("<label for=\"password\">Your password</label>",
        "type=\"password\" id=\"password\" name=\"password\"", ">Sign in</button>", "action=\"/auth/password\"",
        "name=\"returnTo\" value=\"" + PAGE + "\"");
  }

  @Test
  void rightPasswordSignsInForThePortal() {
    HttpResponse<Buffer> response = client.postForm("/auth/password",
        form("username", EMAIL, "password", "pw", "returnTo", PAGE));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.getHeader("location")).isEqualTo(PAGE);
    JsonObject me = client.get("/api/portal/me", SandboxClient.sessionCookie(response)).bodyAsJsonObject();
    assertThat(me.getBoolean("signedIn")).isTrue();
    assertThat(me.getString("email")).isEqualTo(EMAIL);
  }

  @Test
  void wrongPasswordShowsTheAssertiveErrorAndNoCookie() {
    HttpResponse<Buffer> response = client.postForm("/auth/password",
        form("username", EMAIL, "password", "wrong", "returnTo", PAGE));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.bodyAsString()).contains("aria-live=\"assertive\">Incorrect username or password.</div>");
    assertThat(SandboxClient.sessionCookie(response)).isNull();
  }

  @Test
  void returnToOutsideTheSiteFallsBackToTheHomePage() {
    HttpResponse<Buffer> response = client.postForm("/auth/password",
        form("username", EMAIL, "password", "pw", "returnTo", "https://evil.example/"));

    assertThat(response.getHeader("location")).isEqualTo("/");
  }

  @Test
  void totpUserIsSentToTheCodePageWhichRefusesAWrongCode() {
    HttpResponse<Buffer> response = client.postForm("/auth/password",
        form("username", OTP_EMAIL, "password", "pw", "returnTo", PAGE));
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(SandboxClient.sessionCookie(response)).isNull();
    String page = client.get(response.getHeader("location"), null).bodyAsString();
    assertThat(page).contains("<label for=\"code\">Authentication code</label>", "autocomplete=\"one-time-code\"",
        ">Verify</button>", "action=\"/auth/mfa\"");

    HttpResponse<Buffer> wrong = client.postForm("/auth/mfa",
        form("state", state(page), "code", "000000", "returnTo", PAGE));

    assertThat(wrong.bodyAsString()).contains("That code didn&#39;t work.");
  }

  @Test
  void totpUserSignsInWithTheCurrentCode() {
    HttpResponse<Buffer> toCode = client.postForm("/auth/password",
        form("username", OTP_EMAIL, "password", "pw", "returnTo", PAGE));
    String page = client.get(toCode.getHeader("location"), null).bodyAsString();
    String code = server.state().totp().code(SECRET, Instant.now());

    HttpResponse<Buffer> response = client.postForm("/auth/mfa", form("state", state(page), "code", code,
        "returnTo", PAGE));

    assertThat(response.getHeader("location")).isEqualTo(PAGE);
    assertThat(SandboxClient.sessionCookie(response)).isNotBlank();
  }

  @Test
  void signedOutAppDataGivesTheSignInLink() {
    JsonObject me = client.get("/api/portal/me?returnTo=" + PAGE, null).bodyAsJsonObject();

    assertThat(me).isEqualTo(new JsonObject().put("signedIn", false)
        .put("signInUrl", "/auth/identifier?returnTo=%2Faccount%2Fpersonal-access-tokens"));
  }

  @Test
  void signedInAppDataListsTheCompaniesAndTheActiveOne() {
    JsonObject me = client.get("/api/portal/me", client.signIn(EMAIL, "pw")).bodyAsJsonObject();

    assertThat(me.getString("activeCid")).isEqualTo("4000001");
    assertThat(me.getJsonArray("companies").getJsonObject(0)).isEqualTo(new JsonObject().put("cid", "4000001")
        .put("name", "North & Co").put("label", "North & Co (4000001)"));
    assertThat(me.getString("alertMode")).isEqualTo("alert");
    assertThat(me.getBoolean("changedLayout")).isFalse();
  }

  @Test
  void switchingThroughTheAppEndpointChangesTheActiveCompany() {
    String session = client.signIn(EMAIL, "pw");

    SandboxClient.expect(200, client.putJson("/api/portal/active-company", new JsonObject().put("cid", "4000002"),
        session));

    assertThat(client.get("/api/portal/me", session).bodyAsJsonObject().getString("activeCid")).isEqualTo("4000002");
  }

  @Test
  void switchingToACompanyOfAnotherUserIs403() {
    client.createCompany(4_000_003, "Elsewhere", 0);
    HttpResponse<Buffer> response = client.putJson("/api/portal/active-company",
        new JsonObject().put("cid", "4000003"), client.signIn(EMAIL, "pw"));

    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void registeringThroughTheAppEndpointIssuesATokenForTheActiveCompany() {
    String session = client.signIn(EMAIL, "pw");
    client.putJson("/api/portal/active-company", new JsonObject().put("cid", "4000002"), session);

    JsonObject body = SandboxClient.expect(201, client.postJson("/api/v2/access-tokens",
        new JsonObject().put("name", "spa_app"), session)).bodyAsJsonObject();

    assertThat(body.getString("name")).isEqualTo("spa_app");
    JsonArray tokens = client.get("/_sandbox/tokens", null).bodyAsJsonArray();
    assertThat(tokens.getJsonObject(0).getString("token")).isEqualTo(body.getString("token"));
    assertThat(tokens.getJsonObject(0).getString("cid")).isEqualTo("4000002");
    assertThat(client.get("/api/portal/me", session).bodyAsJsonObject().getJsonArray("tokens"))
        .containsExactly("spa_app");
  }

  @Test
  void registerFailuresAnswer500OnTheAppEndpoint() {
    client.putJson("/_sandbox/faults", new JsonObject().put("email", EMAIL).put("registerFailures", 1));
    String session = client.signIn(EMAIL, "pw");

    HttpResponse<Buffer> response = client.postJson("/api/v2/access-tokens", new JsonObject().put("name", "a"), session);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.bodyAsJsonObject().getJsonObject("error").getString("message"))
        .isEqualTo("Something went wrong. Please try again later.");
  }

  @Test
  void theShellCarriesTheSwitcherTheXhrTheToastAndTheDialog() {
    String shell = client.get(PAGE, null).bodyAsString();

    assertThat(shell).contains("'aria-haspopup': 'listbox'", "role: 'listbox'", "role: 'option'",
        "new XMLHttpRequest()", "xhr.open('POST', '/api/v2/access-tokens')", "role: 'status'",
        "<h2 id=\"token-dialog-title\">Copy your new token</h2>", ">Done</button>", "text-transform:uppercase",
        "'aria-label': 'Main'", "'Personal Access Token'", "placeholder: 'e.g. my_app'")
        .doesNotContain("<select", "Acting as");
  }

  @Test
  void signingOutThroughTheAuthPrefixEndsTheSession() {
    String session = client.signIn(EMAIL, "pw");

    SandboxClient.expect(302, client.postJson("/auth/logout", new JsonObject(), session));

    assertThat(client.get("/api/portal/me", session).bodyAsJsonObject().getBoolean("signedIn")).isFalse();
  }

  private static String state(String otpPage) {
    Matcher matcher = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(otpPage);
    assertThat(matcher.find()).as("state field on the code page").isTrue();
    return matcher.group(1);
  }
}
