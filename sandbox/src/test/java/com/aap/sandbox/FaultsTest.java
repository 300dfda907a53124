package com.aap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fault modes switched through {@code /_sandbox/faults}, seen over plain HTTP. */
@ExtendWith(VertxExtension.class)
class FaultsTest {
  private static final String PAGE = "/account/personal-access-tokens";
  private static final String EMAIL = "faulty@example.test";

  private SandboxServer server;
  private SandboxClient client;

  @BeforeEach
  void start(Vertx vertx) {
    server = SandboxServer.start(SandboxConfig.forTests());
    client = new SandboxClient(vertx, server);
    client.createCompany(3_100_001, "Faulty Co", 0);
    client.createUser(EMAIL, "pw", null, 3_100_001);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void registerFailuresAnswer500ThenIssueAgain() {
    client.putJson("/_sandbox/faults", new JsonObject().put("email", EMAIL).put("registerFailures", 1));
    String session = client.signIn(EMAIL, "pw");

    assertThat(client.postJson(PAGE, new JsonObject().put("name", "a"), session).statusCode()).isEqualTo(500);
    assertThat(client.get("/_sandbox/tokens", null).bodyAsJsonArray()).isEmpty();
    assertThat(client.postJson(PAGE, new JsonObject().put("name", "a"), session).statusCode()).isEqualTo(201);
  }

  @Test
  void commissionFailuresAnswer503ForThatUsersTokens() {
    String token = client.issueToken(EMAIL, "app");
    client.putJson("/_sandbox/faults", new JsonObject().put("email", EMAIL).put("commissionFailures", 1));
    String query = "{ advertiserCommissions(forAdvertisers: [\"3100001\"], sincePostingDate: \"2020-01-01T00:00:00Z\","
        + " beforePostingDate: \"2020-01-02T00:00:00Z\") { count } }";

    assertThat(client.query(token, query).statusCode()).isEqualTo(503);
    assertThat(client.query(token, query).statusCode()).isEqualTo(200);
  }

  @Test
  void aChangedLayoutRenamesTheTokenBoxAndButton() {
    client.putJson("/_sandbox/faults", new JsonObject().put("email", EMAIL).put("changedLayout", true));

    String page = client.get(PAGE, client.signIn(EMAIL, "pw")).bodyAsString();

    assertThat(page).contains("Label for your key", "CREATE KEY").doesNotContain(">REGISTER<");
  }

  @Test
  void aForeignSignInUrlIsWhereTheLogInButtonAndLinkLead() {
    SandboxClient.expect(200, client.putJson("/_sandbox/faults",
        new JsonObject().put("signInUrl", "https://signin.other.example/u/login")));
    String foreign = "https://signin.other.example/u/login?returnTo=%2Faccount%2Fpersonal-access-tokens";

    assertThat(client.get(PAGE, null).bodyAsString()).contains("data-href=\"" + foreign + "\"");
    assertThat(client.get("/", null).bodyAsString())
        .contains("href=\"https://signin.other.example/u/login?returnTo=%2F\"");
    assertThat(client.get("/_sandbox/faults", null).bodyAsJsonObject().getString("signInUrl"))
        .isEqualTo("https://signin.other.example/u/login");
  }

  @Test
  void aForeignSignInUrlIsWhereTheAppSendsTheBrowserToo() {
    client.putJson("/_sandbox/config", new JsonObject().put("skin", "b"));
    client.putJson("/_sandbox/faults", new JsonObject().put("signInUrl", "http://127.0.0.1:9/login?client=cj"));

    assertThat(client.get("/api/portal/me?returnTo=" + PAGE, null).bodyAsJsonObject().getString("signInUrl"))
        .isEqualTo("http://127.0.0.1:9/login?client=cj&returnTo=%2Faccount%2Fpersonal-access-tokens");
  }

  @Test
  void aRelativeSignInUrlIsA400AndAnEmptyOneClearsIt() {
    client.putJson("/_sandbox/faults", new JsonObject().put("signInUrl", "https://signin.other.example/"));

    assertThat(client.putJson("/_sandbox/faults", new JsonObject().put("signInUrl", "/u/login")).statusCode())
        .isEqualTo(400);
    client.putJson("/_sandbox/faults", new JsonObject().put("signInUrl", ""));

    assertThat(client.get(PAGE, null).bodyAsString()).contains("data-href=\"/u/login?returnTo=");
  }

  @Test
  void aCaptchaSignsInOnceTheBoxIsTickedAndTheSumIsRight() {
    client.putJson("/_sandbox/faults", new JsonObject().put("email", EMAIL).put("captcha", true));
    String page = passwordStep().bodyAsString();
    String state = hidden(page, "state");
    int[] terms = java.util.Arrays.stream(between(page, "id=\"sum\">", "<").split("\\+"))
        .mapToInt(t -> Integer.parseInt(t.trim())).toArray();

    var unticked = client.postForm("/u/captcha", SandboxClient.form("state", state, "answer",
        String.valueOf(terms[0] + terms[1]), "returnTo", PAGE));
    assertThat(unticked.statusCode()).isEqualTo(400);
    assertThat(unticked.bodyAsString()).contains("Try again.");
    var passed = client.postForm("/u/captcha", SandboxClient.form("state", state, "human", "yes",
        "answer", String.valueOf(terms[0] + terms[1]), "returnTo", PAGE));

    assertThat(passed.statusCode()).isEqualTo(302);
    assertThat(SandboxClient.sessionCookie(passed)).isNotBlank();
  }

  @Test
  void anEmailCodeIsInTheMailboxAndSignsIn() {
    client.putJson("/_sandbox/faults", new JsonObject().put("email", EMAIL).put("emailCode", true));
    String page = passwordStep().bodyAsString();
    assertThat(page).contains("Verification code", "f***@example.test");
    String code = client.get("/_sandbox/mailbox?email=" + EMAIL, null).bodyAsJsonObject().getJsonArray("messages")
        .getJsonObject(0).getString("code");

    var wrong = client.postForm("/u/email-code", SandboxClient.form("state", hidden(page, "state"), "code", "x",
        "returnTo", PAGE));
    var right = client.postForm("/u/email-code", SandboxClient.form("state", hidden(page, "state"), "code", code,
        "returnTo", PAGE));

    assertThat(wrong.bodyAsString()).contains("Invalid code.");
    assertThat(right.statusCode()).isEqualTo(302);
    assertThat(SandboxClient.sessionCookie(right)).isNotBlank();
  }

  @Test
  void aConfirmItsYouPageComesBeforeThePassword() {
    client.putJson("/_sandbox/faults", new JsonObject().put("email", EMAIL).put("confirmIdentity", true));
    String page = client.postForm("/u/login/identifier", SandboxClient.form("username", EMAIL, "returnTo", PAGE))
        .bodyAsString();
    assertThat(page).contains("Confirm it's you", "Yes, it's me").doesNotContain("type=\"password\"");

    String next = client.postForm("/u/confirm", SandboxClient.form("state", hidden(page, "state"), "returnTo", PAGE))
        .bodyAsString();

    assertThat(next).contains("type=\"password\"");
  }

  private HttpResponse<Buffer> passwordStep() {
    return client.postForm("/u/login/password", SandboxClient.form("username", EMAIL, "password", "pw", "returnTo", PAGE));
  }

  private static String hidden(String page, String name) {
    return between(page, "name=\"" + name + "\" value=\"", "\"");
  }

  private static String between(String text, String before, String after) {
    int start = text.indexOf(before) + before.length();
    return text.substring(start, text.indexOf(after, start));
  }

  @Test
  void faultsForOneUserLeaveOthersAlone() {
    client.createUser("fine@example.test", "pw", null, 3_100_001);
    client.putJson("/_sandbox/faults", new JsonObject().put("email", EMAIL).put("registerFailures", -1));

    String session = client.signIn("fine@example.test", "pw");

    assertThat(client.postJson(PAGE, new JsonObject().put("name", "a"), session).statusCode()).isEqualTo(201);
  }
}
