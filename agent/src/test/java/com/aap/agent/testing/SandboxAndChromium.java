package com.aap.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.AgentConfig;
import com.aap.agent.browser.Browsers;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Playwright;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** The real CJ sandbox and a real Chromium, for the agent's browser tests, with the sandbox's control API. */
public final class SandboxAndChromium implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final SandboxServer sandbox;
  private final Playwright playwright;
  private final Browser browser;

  private SandboxAndChromium() {
    sandbox = SandboxServer.start(SandboxConfig.forTests());
    playwright = Browsers.playwright();
    browser = Browsers.launch(playwright, AgentConfig.findChromium());
  }

  public static SandboxAndChromium start() {
    return new SandboxAndChromium();
  }

  public Browser browser() {
    return browser;
  }

  /** The developer portal's address, as the agent is configured with it. */
  public String portalUrl() {
    return sandbox.baseUrl() + "/";
  }

  /** Calls the sandbox's control API ({@code /_sandbox/...}); fails the test on an error answer. */
  public JsonNode control(String method, String path, Object body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isLessThan(300);
    return JSON.readTree(response.body());
  }

  @Override
  public void close() {
    browser.close();
    playwright.close();
    sandbox.close();
  }
}
