package com.aap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The "remote browsers": an agent whose workers connect to a Playwright server (AGENT_BROWSER_URL)
 * instead of launching Chromium provisions a store end to end, the browsers running under the server.
 */
class ProvisioningThroughAPlaywrightServerTest {

  private final Stack stack = Stack.get();

  @Test
  void anAgentConnectedToAPlaywrightServerProvisionsAStoreInABrowserTheServerLaunched() {
    try (PlaywrightServer server = PlaywrightServer.start()) {
      stack.withAgent("remote-browser-agent", Map.of("AGENT_BROWSER_URL", server.wsEndpoint(),
          "AGENT_BROWSER", "/usr/bin/chromium"), () -> {
            CjAccount account = CjAccount.ready(stack, 10);

            JsonNode job = account.awaitJobEnd(account.provision(), Duration.ofSeconds(60));

            assertThat(job.path("state").asText()).as("job %s", job).isEqualTo("succeeded");
            assertThat(server.browsersRunning()).as("one Chromium per connected worker, under the server")
                .isEqualTo(2);
            List<JsonNode> issued = account.tokensIssued();
            assertThat(issued).hasSize(1);
            ProvisioningEndToEndTests.assertStoreHolds(account, account.storeId, issued.get(0).path("token").asText());
          });
    }
  }
}
