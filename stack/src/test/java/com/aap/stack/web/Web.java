package com.aap.stack.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.AgentConfig;
import com.aap.agent.browser.Browsers;
import com.aap.api.testing.TestDatabase;
import com.aap.stack.Http;
import com.aap.stack.Stack;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The page's test fixture: one Chromium, a specialist, and CJ accounts set up on both sides of the stack. A
 * test class may hold it as {@code @RegisterExtension static final Web web = new Web();}: it closes after all.
 */
final class Web implements AutoCloseable, AfterAllCallback {

  static final String PASSWORD = "specialist-password-123";
  final Stack stack = Stack.get();
  final Playwright playwright = Browsers.playwright();
  final Browser browser = Browsers.launch(playwright, AgentConfig.findChromium());
  final String specialist = "spec-" + UUID.randomUUID().toString().substring(0, 8) + "@agency.example";

  Web() {
    Http.Reply created = Http.post(stack.api("/api/accounts"),
        Map.of("email", specialist, "password", PASSWORD, "role", "specialist"));
    assertThat(created.status()).isEqualTo(201);
  }

  /** A new browser context with the page open and signed in as the specialist. */
  Page signedInPage() {
    BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 860));
    Page page = context.newPage();
    signIn(page, specialist, PASSWORD);
    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Stores")).waitFor();
    return page;
  }

  void signIn(Page page, String email, String password) {
    page.navigate(stack.api("/"));
    Locator form = page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Sign in"));
    form.getByLabel("Email").fill(email);
    form.getByLabel("Password").fill(password);
    form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Sign in")).click();
  }

  /** A CJ user in the sandbox with {@code companies} companies, and its CJ login in the API; returns the CIDs. */
  Agency agency(int companies) {
    String suffix = UUID.randomUUID().toString().substring(0, 8);
    List<String> cids = new ArrayList<>();
    int base = ThreadLocalRandom.current().nextInt(3_000_000, 8_000_000);
    for (int i = 0; i < companies; i++) {
      String cid = String.valueOf(base + i);
      assertThat(Http.post(stack.sandbox("/_sandbox/companies"),
          Map.of("cid", cid, "name", "Company " + cid, "commissions", 5)).status()).isEqualTo(201);
      cids.add(cid);
    }
    String email = "agency-" + suffix + "@agency.example";
    String password = "Pw-" + suffix + "-cj";
    assertThat(Http.post(stack.sandbox("/_sandbox/users"), Map.of("email", email, "password", password, "cids", cids))
        .status()).isEqualTo(201);
    Http.Reply login = Http.post(stack.api("/api/cj-logins"), Map.of("email", email, "password", password));
    assertThat(login.status()).isEqualTo(201);
    return new Agency(suffix, email, login.body().path("id").asText(), cids);
  }

  record Agency(String suffix, String email, String loginId, List<String> cids) {

    String csvRow(int i, String name) {
      return "web-" + suffix + "-" + i + "," + name + "," + cids.get(i) + "," + email + ","
          + LocalDate.now().minusDays(2) + ",AAA-" + suffix + "-" + i + ",\n";
    }

    String storeId(int i) {
      return "web-" + suffix + "-" + i;
    }
  }

  /** Creates a store through the API; authorized or not. */
  void store(String id, String name, String cid, String loginId, boolean authorized) {
    var store = new java.util.LinkedHashMap<String, Object>(Map.of("id", id, "name", name, "cjCompanyId", cid,
        "cjLoginId", loginId));
    if (authorized) {
      store.put("agencyAuthorization", Map.of("signedOn", LocalDate.now().minusDays(2).toString(), "reference", "AAA-" + id));
    }
    assertThat(Http.post(stack.api("/api/stores"), store).status()).isEqualTo(201);
  }

  /** The token the sandbox issued for this CJ user (CJ's side of the truth). */
  String tokenIssuedTo(String email) {
    for (JsonNode token : Http.get(stack.sandbox("/_sandbox/tokens?email=" + email)).body()) {
      return token.path("token").asText();
    }
    return null;
  }

  /**
   * A job for the store that an agent reports as needing attention, with a screenshot, through the agent
   * protocol. The job is put in PostgreSQL as already running (claimed by this test), so the stack's own
   * agent never picks it up. Returns the job id.
   */
  String needsAttentionJob(String storeId, byte[] png) throws Exception {
    UUID jobId = UUID.randomUUID();
    try (Connection conn = TestDatabase.connect(); PreparedStatement insert = conn.prepareStatement("""
        INSERT INTO jobs (id, store_id, token_name, state, attempts, max_attempts, claimed_by, claimed_at,
                          lease_expires_at)
        VALUES (?, ?, 'affiliate_advertiser_pro_app', 'running', 1, 3, 'web-test-agent', now(),
                now() + interval '15 minutes')""")) {
      insert.setObject(1, jobId);
      insert.setString(2, storeId);
      insert.executeUpdate();
    }
    String body = Http.JSON.writeValueAsString(Map.of("code", "unexpected_page", "kind", "unexpected",
        "message", "The portal showed a page the agent does not recognise", "step", "company_selected",
        "lease", 0, "screenshot", Base64.getEncoder().encodeToString(png)));
    HttpResponse<String> reported = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(stack.api("/agent/v1/jobs/" + jobId + "/failure")))
        .header("Authorization", "Bearer " + Stack.AGENT_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
    return jobId.toString();
  }

  /** A real screenshot to stand in for the agent's masked one: the sandbox's sign-in page. */
  byte[] sandboxScreenshot() {
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(stack.sandbox("/u/login"));
      return page.screenshot();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
  }
}
