package com.aap.agent.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrowserChoiceTest {

  private static BrowserChoice from(Map<String, String> values) {
    return BrowserChoice.from(key -> Optional.ofNullable(values.get(key)));
  }

  @Test
  void byDefaultTheAgentLaunchesTheFullChromiumOfThisMachine() {
    BrowserChoice choice = from(Map.of());

    assertThat(choice.remote()).isFalse();
    assertThat(choice.executable()).isEqualTo(BrowserChoice.CHROMIUM_CANDIDATES.stream().filter(Files::isExecutable)
        .findFirst().orElseThrow());
  }

  @Test
  void theHeadlessShellIsUsedWhereInstalledAndOtherwiseNamedWithItsPackage() {
    Optional<Path> installed = BrowserChoice.HEADLESS_SHELL_CANDIDATES.stream().filter(Files::isExecutable).findFirst();
    if (installed.isPresent()) {
      assertThat(from(Map.of("AGENT_BROWSER", "headless-shell")).executable()).isEqualTo(installed.get());
    } else {
      assertThatThrownBy(() -> from(Map.of("AGENT_BROWSER", "headless-shell")))
          .hasMessageContaining("AGENT_BROWSER").hasMessageContaining("apt-get install -y chromium-headless-shell");
    }
  }

  @Test
  void aPathIsTakenAsItIsAndChromiumPathStillWorks() {
    assertThat(from(Map.of("AGENT_BROWSER", "/opt/chrome/chrome")).executable()).isEqualTo(Path.of("/opt/chrome/chrome"));
    assertThat(from(Map.of("CHROMIUM_PATH", "/opt/chrome/chrome")).executable()).isEqualTo(Path.of("/opt/chrome/chrome"));
    assertThat(from(Map.of("AGENT_BROWSER", "chromium", "CHROMIUM_PATH", "/opt/chrome/chrome")).executable())
        .as("AGENT_BROWSER first").isNotEqualTo(Path.of("/opt/chrome/chrome"));
    assertThatThrownBy(() -> from(Map.of("AGENT_BROWSER", "chrome")))
        .hasMessage("AGENT_BROWSER must be chromium, headless-shell or the absolute path of a Chromium binary, was 'chrome'");
  }

  @Test
  void onAPlaywrightServerANameStandsForDebiansPathAndNoneLeavesTheChoiceToTheServer() {
    BrowserChoice shell = from(Map.of("AGENT_BROWSER_URL", "ws://localhost:3000/", "AGENT_BROWSER", "headless-shell"));
    BrowserChoice serversOwn = from(Map.of("AGENT_BROWSER_URL", "wss://browsers.agency.example/playwright"));

    assertThat(shell.remote()).isTrue();
    assertThat(shell.server()).hasToString("ws://localhost:3000/");
    assertThat(shell.executable()).isEqualTo(Path.of("/usr/bin/chromium-headless-shell"));
    assertThat(serversOwn.executable()).isNull();
  }

  @Test
  void theServerIsReachedOverWssUnlessItIsOnThisMachine() {
    assertThatThrownBy(() -> from(Map.of("AGENT_BROWSER_URL", "ws://browsers.agency.example:3000/")))
        .hasMessageStartingWith("AGENT_BROWSER_URL must be a wss URL unless its host is localhost");
    assertThatThrownBy(() -> from(Map.of("AGENT_BROWSER_URL", "http://localhost:3000/")))
        .hasMessageStartingWith("AGENT_BROWSER_URL must be a Playwright server's ws:// or wss:// endpoint");
  }

  @Test
  void theServerIsAskedForTheSameHeadlessBrowserAndFlags() throws Exception {
    JsonNode options = new ObjectMapper().readTree(Browsers.serverLaunchOptions(Path.of("/usr/bin/chromium")));
    JsonNode serversOwn = new ObjectMapper().readTree(Browsers.serverLaunchOptions(null));

    assertThat(options.path("headless").asBoolean()).isTrue();
    assertThat(options.path("executablePath").asText()).isEqualTo("/usr/bin/chromium");
    assertThat(options.path("args").toString()).contains("--disable-background-networking");
    assertThat(serversOwn.has("executablePath")).isFalse();
  }
}
