package com.aap.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.AgentConfig;
import com.aap.agent.browser.Browsers;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import com.aap.sandbox.Settings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real CJ sandbox and a real Chromium for the agent's browser tests, with the sandbox's control API.
 * Both start once for the whole test run, on first use, and JUnit closes them when the run ends; before each
 * test the sandbox's settings go back to {@link SandboxConfig#forTests()} and its faults are cleared.
 * Companies, users and tokens stay, so tests make their own with fresh ids.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final SandboxAndChromium env = new SandboxAndChromium();
 * private static final Browser browser = env.browser();
 * </pre>
 */
public final class SandboxAndChromium implements BeforeAllCallback, BeforeEachCallback {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SandboxAndChromium.class);
  private static Running running;

  public Browser browser() {
    return running().browser;
  }

  /** The developer portal's address, as the agent is configured with it. */
  public String portalUrl() {
    return running().sandbox.baseUrl() + "/";
  }

  /** Calls the sandbox's control API ({@code /_sandbox/...}); fails the test on an error answer. */
  public JsonNode control(String method, String path, Object body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(running().sandbox.baseUrl() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isLessThan(300);
    return JSON.readTree(response.body());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> running(), Running.class);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    control("PUT", "/_sandbox/config", new Settings(SandboxConfig.forTests()).toJson().getMap());
    control("DELETE", "/_sandbox/faults", null);
  }

  private static synchronized Running running() {
    if (running == null) {
      running = new Running();
    }
    return running;
  }

  /** Kept in the root store so that JUnit closes it once, after the last test class. */
  private static final class Running implements AutoCloseable {
    private final SandboxServer sandbox = SandboxServer.start(SandboxConfig.forTests());
    private final Playwright playwright = Browsers.playwright();
    private final Browser browser = Browsers.launch(playwright, AgentConfig.findChromium());

    @Override
    public void close() {
      browser.close();
      playwright.close();
      sandbox.close();
    }
  }
}
