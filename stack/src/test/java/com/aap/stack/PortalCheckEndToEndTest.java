package com.aap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Portal checks through the real API, a real agent and the sandbox: what a check reports on the portals
 * the default profile knows (skins A and B) and on one it does not (skin C, German), and that a profile
 * file written from that report lets the agent provision on it.
 */
class PortalCheckEndToEndTest {

  private static final Duration END = Duration.ofSeconds(90);
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** Skin C's words added to the default's candidates, in the file format a person would write. */
  private static final String GERMAN_PROFILE = """
      name: CJ Affiliate, with the German portal's words
      elements:
        logInButton:
          - role: button
            name: "^\\\\s*(log\\\\s*in|sign\\\\s*in|login|signin|anmelden)\\\\b"
          - role: link
            name: "^\\\\s*(log\\\\s*in|sign\\\\s*in|login|signin|anmelden)\\\\b"
        signInButton:
          - css: "button[name=action]:not([value=default-back])"
          - role: button
            name: "^\\\\s*(continue|next|log\\\\s*in|sign\\\\s*in|verify|weiter|anmelden)\\\\s*$"
          - css: "button[type=submit], input[type=submit]"
        menuAuthentication:
          - role: button
            name: "^\\\\s*(authentication|authentifizierung)\\\\s*$"
        menuTokenLink:
          - role: link
            name: "personal\\\\s+access\\\\s+tokens?|persönliche\\\\s+zugriffstoken"
        tokenPageHeading:
          - role: heading
            name: "personal\\\\s+access\\\\s+tokens?|persönliche\\\\s+zugriffstoken"
        companySwitcher:
          - label: "\\\\b(company|advertiser|firma)\\\\b"
          - role: combobox
            name: "company|account|advertiser|firma"
        tokenNameBox:
          - label: "token\\\\s*name|token-bezeichnung"
          - placeholder: "token\\\\s*name"
        registerButton:
          - role: button
            name: "^\\\\s*register\\\\b|^\\\\s*erzeugen\\\\s*$"
      """;

  private final Stack stack = Stack.get();

  @AfterEach
  void restoreTheConfiguredSkin() {
    Http.put(stack.sandbox("/_sandbox/config"), Map.of("skin", "a"));
  }

  @ParameterizedTest(name = "skin {0}")
  @ValueSource(strings = {"a", "b"})
  void aCheckFindsEveryElementUpToRegisterAndChangesNothing(String skin) {
    CjAccount account = CjAccount.ready(stack, skin, 10);
    JsonNode before = account.store();

    JsonNode check = check(account, false);

    assertThat(check.path("state").asText()).as("check %s", check).isEqualTo("succeeded");
    assertThat(check.findValuesAsText("name")).contains("company_selected", "check_reported").doesNotContain("registering");
    JsonNode report = check.path("report");
    assertThat(report.path("ok").asBoolean()).as("report %s", report).isTrue();
    for (String element : List.of("emailBox", "passwordBox", "tokenNameBox", "registerButton")) {
      assertFoundByACandidateItTried(report, element);
    }
    assertEveryScreenshotIsAPng(report);
    assertThat(account.tokensIssued()).as("nothing registered").isEmpty();
    JsonNode after = account.store();
    assertThat(after.path("settings")).isEqualTo(before.path("settings"));
    assertThat(after.path("settings").path("cjAccessToken").isNull()).isTrue();
    assertThat(after.path("latestJob")).as("a check is not the store's job").isEqualTo(before.path("latestJob"));
  }

  @Test
  void aCheckOnThePortalInGermanFailsNamingWhatItLookedForAndDidNotFind() {
    CjAccount account = CjAccount.ready(stack, "c", 10);

    JsonNode check = check(account, false);

    assertThat(check.path("state").asText()).as("check %s", check).isEqualTo("failed");
    assertThat(check.path("error").path("code").asText()).isEqualTo("unexpected_page");
    assertThat(check.path("error").path("step").asText()).isEqualTo("company_selected");
    JsonNode report = check.path("report");
    assertThat(report.path("ok").asBoolean()).isFalse();
    assertThat(report.path("failureCode").asText()).isEqualTo("unexpected_page");
    assertThat(report.path("failureMessage").asText()).contains("registerButton");
    List<JsonNode> missing = elements(report, false);
    assertThat(missing).allSatisfy(e -> assertThat(e.path("tried")).as("%s", e).isNotEmpty());
    JsonNode register = missing.stream().filter(e -> e.path("element").asText().equals("registerButton")).findFirst()
        .orElseThrow(() -> new AssertionError("registerButton not listed as missing: " + report));
    assertThat(register.path("matched").isNull()).isTrue();
    assertThat(register.path("tried").get(0).asText()).startsWith("role=button").contains("register");
    assertEveryScreenshotIsAPng(report);
    assertThat(account.tokensIssued()).isEmpty();
  }

  @Test
  void anAgentWithAProfileFileForTheGermanPortalChecksItAndProvisionsAStoreOnIt(@TempDir Path dir)
      throws IOException {
    Path profile = Files.writeString(dir.resolve("cj-portal-profile-de.yaml"), GERMAN_PROFILE);
    CjAccount account = CjAccount.ready(stack, "c", 10);
    // German from the first page on, before the user is known: the Log In button is "Anmelden" too
    Http.put(stack.sandbox("/_sandbox/config"), Map.of("skin", "c"));

    stack.withAgent("e2e-agent-de", Map.of("CJ_PORTAL_PROFILE", profile.toString()), () -> {
      JsonNode check = check(account, false);
      assertThat(check.path("state").asText()).as("check %s", check).isEqualTo("succeeded");
      assertThat(found(check.path("report"), "logInButton").path("matched").asText()).contains("anmelden");
      assertThat(found(check.path("report"), "registerButton").path("matched").asText()).contains("erzeugen");

      JsonNode job = account.awaitJobEnd(account.provision(), END);

      assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("succeeded");
      assertThat(job.findValuesAsText("name")).contains("token_verified");
    });
    List<JsonNode> issued = account.tokensIssued();
    assertThat(issued).hasSize(1);
    ProvisioningEndToEndTests.assertStoreHolds(account, account.storeId, issued.get(0).path("token").asText());
  }

  @Test
  void aCheckWithRegisterRegistersOneTokenAndMakesItTheStoresToken() {
    CjAccount account = CjAccount.ready(stack, "a", 10);

    JsonNode check = check(account, true);

    assertThat(check.path("state").asText()).as("check %s", check).isEqualTo("succeeded");
    assertThat(check.path("report").path("ok").asBoolean()).isTrue();
    assertFoundByACandidateItTried(check.path("report"), "registerButton");
    List<JsonNode> issued = account.tokensIssued();
    assertThat(issued).hasSize(1);
    ProvisioningEndToEndTests.assertStoreHolds(account, account.storeId, issued.get(0).path("token").asText());
  }

  /**
   * Queues a check of the account's store, as scripts/check-portal does (the login by email), and waits for
   * its end and its report: a check with register ends when its token is verified, which may be before the
   * agent's report arrives.
   */
  private JsonNode check(CjAccount account, boolean register) {
    Http.Reply queued = Http.post(stack.api("/api/cj-logins/" + account.email + "/portal-checks"),
        Map.of("register", register, "storeId", account.storeId));
    assertThat(queued.status()).as("%s", queued.body()).isEqualTo(202);
    String url = stack.api("/api/portal-checks/" + queued.body().path("checkId").asText());
    JsonNode check = CjAccount.awaitEnd(url, END);
    Instant deadline = Instant.now().plusSeconds(20);
    while (check.path("report").isNull() && check.path("error").isMissingNode() && Instant.now().isBefore(deadline)) {
      CjAccount.pause(200);
      check = Http.get(url).body();
    }
    return check;
  }

  private static void assertFoundByACandidateItTried(JsonNode report, String element) {
    JsonNode entry = found(report, element);
    assertThat(entry.path("matched").asText()).as("%s", entry).isNotBlank();
    List<String> tried = new ArrayList<>();
    entry.path("tried").forEach(t -> tried.add(t.asText()));
    assertThat(tried).as("%s", entry).contains(entry.path("matched").asText());
  }

  private void assertEveryScreenshotIsAPng(JsonNode report) {
    List<String> screenshots = new ArrayList<>();
    report.path("elements").forEach(e -> {
      if (e.path("screenshot").isTextual()) {
        screenshots.add(e.path("screenshot").asText());
      }
    });
    assertThat(screenshots).isNotEmpty();
    for (String path : screenshots) {
      Http.Bytes png = Http.getBytes(stack.api(path));
      assertThat(png.status()).as(path).isEqualTo(200);
      assertThat(png.contentType()).as(path).startsWith("image/png");
      assertThat(png.body()).as(path).startsWith(PNG_SIGNATURE);
    }
  }

  private static JsonNode found(JsonNode report, String element) {
    return elements(report, true).stream().filter(e -> element.equals(e.path("element").asText())).findFirst()
        .orElseThrow(() -> new AssertionError(element + " not found: " + report));
  }

  private static List<JsonNode> elements(JsonNode report, boolean found) {
    List<JsonNode> list = new ArrayList<>();
    report.path("elements").forEach(e -> {
      if (e.path("found").asBoolean() == found) {
        list.add(e);
      }
    });
    return list;
  }
}
