package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.RawHttp;
import com.aap.api.testing.TestApi;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in under attack: JSON only, accounts locked after too many failures (in PostgreSQL), audited. */
class SignInLimitsTest {

  private static final String PASSWORD = "specialist-password-123";
  private static final String VICTIM = "victim@agency.example";
  private static final UnaryOperator<ApiConfig> THREE_FAILURES = c -> c.withAccess(c.access()
      .withLimits(c.access().limits().withSignIn(3, 1000, 15)));

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable().configured(THREE_FAILURES);

  private static JsonHttp.Response signIn(JsonHttp client, String email, String password) {
    return client.post("/api/session", new JsonObject().put("email", email).put("password", password));
  }

  private static JsonArray audit(String target) {
    return api.rest().get("/api/audit?target=" + target).json().getJsonArray("entries");
  }

  @Test
  void aSignInThatIsNotJsonIsRefused415() {
    api.createAccount(VICTIM, PASSWORD, "specialist");
    String form = "email=" + VICTIM + "&password=" + PASSWORD;

    for (String type : List.of("application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x")) {
      JsonHttp.Response response = api.anonymous().withHeader("Content-Type", type).post("/api/session", form);
      assertThat(response.status()).as(type).isEqualTo(415);
      assertThat(response.json().getJsonObject("error").getString("code")).isEqualTo("unsupported_media_type");
      assertThat(response.cookie("aap_session")).isNull();
    }
    assertThat(signIn(api.anonymous().withHeader("Content-Type", "Application/JSON; charset=utf-8"), VICTIM, PASSWORD)
        .status()).isEqualTo(200);
  }

  @Test
  void aSignInWithoutContentTypeIsRefused415() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/session"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + VICTIM + "\",\"password\":\"x\"}")).build();

    assertThat(HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(415);
  }

  @Test
  void afterThreeFailuresTheAccountIsLocked429WithRetryAfterAndAudited() {
    api.createAccount(VICTIM, PASSWORD, "specialist");
    for (int i = 0; i < 3; i++) assertThat(signIn(api.anonymous(), VICTIM, "wrong-" + i).status()).isEqualTo(401);

    JsonHttp.Response locked = signIn(api.anonymous(), VICTIM, "wrong-4");

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().getJsonObject("error").getString("code")).isEqualTo("too_many_sign_ins");
    assertThat(locked.header("Retry-After")).isNotNull();
    assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(14 * 60L, 15 * 60L);
    JsonArray entries = audit("account:" + VICTIM);
    assertThat(entries.stream().map(e -> ((JsonObject) e).getString("action")))
        .containsExactly("sign_in.locked", "sign_in.failed", "sign_in.failed", "sign_in.failed");
    JsonObject lock = entries.getJsonObject(0);
    assertThat(lock.getString("actor")).isEqualTo("ip 127.0.0.1");
    assertThat(lock.getJsonObject("detail").getInteger("failures")).isEqualTo(3);
  }

  @Test
  void aLockedAccountRefusesEvenItsRightPassword() {
    api.createAccount(VICTIM, PASSWORD, "specialist");
    for (int i = 0; i < 3; i++) signIn(api.anonymous(), VICTIM, "wrong-" + i);

    assertThat(signIn(api.anonymous(), VICTIM, PASSWORD).status()).isEqualTo(429);
  }

  @Test
  void anUnknownEmailIsLockedAlikeSoALockoutRevealsNoAccount() {
    for (int i = 0; i < 3; i++) {
      assertThat(signIn(api.anonymous(), "nobody@agency.example", "wrong-" + i).status()).isEqualTo(401);
    }

    assertThat(signIn(api.anonymous(), "nobody@agency.example", "wrong").status()).isEqualTo(429);
  }

  @Test
  void aSuccessfulSignInClearsTheFailuresBeforeIt() {
    api.createAccount(VICTIM, PASSWORD, "specialist");
    signIn(api.anonymous(), VICTIM, "wrong-1");
    signIn(api.anonymous(), VICTIM, "wrong-2");
    assertThat(signIn(api.anonymous(), VICTIM, PASSWORD).status()).isEqualTo(200);

    signIn(api.anonymous(), VICTIM, "wrong-3");
    signIn(api.anonymous(), VICTIM, "wrong-4");

    assertThat(signIn(api.anonymous(), VICTIM, PASSWORD).status()).isEqualTo(200);
  }

  @Test
  void aLockoutHoldsOnEveryApiInstance() throws Exception {
    api.createAccount(VICTIM, PASSWORD, "specialist");
    for (int i = 0; i < 3; i++) signIn(api.anonymous(), VICTIM, "wrong-" + i);

    try (TestApi other = TestApi.start("http://localhost:9/query", THREE_FAILURES)) {
      assertThat(signIn(other.anonymous(), VICTIM, PASSWORD).status()).isEqualTo(429);
    }
    assertThat(TestDatabase.count("SELECT count(*) FROM sign_in_failures WHERE locked_until > now()")).isEqualTo(1);
  }

  @Test
  void aCorrectPasswordSignsInPromptlyDuringAFloodOfWrongOnesForAnotherAccount() throws Exception {
    api.createAccount(VICTIM, PASSWORD, "specialist");
    api.createAccount("real@agency.example", PASSWORD, "specialist");
    ExecutorService flooders = Executors.newFixedThreadPool(40);
    List<CompletableFuture<List<String>>> flood = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) {
        flood.add(CompletableFuture.supplyAsync(() -> wrongSignInsUntilLocked("127.0.0.2"), flooders));
      }
      Thread.sleep(300); // the flood is under way

      long started = System.nanoTime();
      JsonHttp.Response real = signIn(api.anonymous(), "real@agency.example", PASSWORD);
      long millis = (System.nanoTime() - started) / 1_000_000;

      System.out.printf("a real sign-in during a flood of wrong ones from 40 clients took %d ms%n", millis);
      assertThat(real.status()).as(real.body()).isEqualTo(200);
      assertThat(millis).as("a few password checks' time (the flood's, in a row, would take many)").isLessThan(5000);
      List<String> answers = flood.stream().flatMap(f -> f.join().stream()).toList();
      assertThat(answers).contains("401 wrong_credentials", "429 too_many_sign_ins")
          .allMatch(a -> a.equals("401 wrong_credentials") || a.startsWith("429 "));
      assertThat(answers.stream().filter(a -> a.startsWith("401")).count()).isEqualTo(3);
    } finally {
      flooders.shutdownNow();
    }
    assertThat(audit("account:" + VICTIM).stream().map(e -> ((JsonObject) e).getString("action")))
        .contains("sign_in.locked");
  }

  /** Wrong sign-ins for the victim, one after another, until the account is locked: each answer's status and code. */
  private static List<String> wrongSignInsUntilLocked(String address) {
    List<String> answers = new ArrayList<>();
    while (answers.size() < 500 && !answers.contains("429 too_many_sign_ins")) {
      try (RawHttp http = RawHttp.connect(api.baseUrl(), address)) {
        RawHttp.Response response = http.request("POST", "/api/session", Map.of("Content-Type", "application/json"),
            new JsonObject().put("email", VICTIM).put("password", "guess").encode()).read();
        answers.add(response.status() + " " + new JsonObject(response.body()).getJsonObject("error").getString("code"));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return answers;
  }
}
