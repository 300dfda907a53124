package com.aap.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.api.ApiClient;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@code API_URL} may list several API instances: the agent moves to the next when one cannot be reached. */
class ApiFailoverTest {

  private static final String KEY = "agent-key-for-the-failover-tests-0123456789";

  @Test
  void aListOfApiUrlsIsReadInOrder() {
    AgentConfig config = AgentConfig.from(Map.of("AGENT_KEY", KEY, "CHROMIUM_PATH", "/x",
        "API_URL", "http://localhost:8080, http://localhost:8081"));

    assertThat(config.apiUrls()).containsExactly(URI.create("http://localhost:8080"), URI.create("http://localhost:8081"));
    assertThat(config.apiUrl()).isEqualTo(URI.create("http://localhost:8080"));
  }

  @Test
  void requestsGoToTheNextInstanceOnceTheFirstCannotBeReachedAndStayThere() throws Exception {
    int deadPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      deadPort = socket.getLocalPort(); // closed again: nothing listens there
    }
    AtomicInteger heartbeats = new AtomicInteger();
    HttpServer survivor = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    survivor.createContext("/agent/v1/", ex -> {
      heartbeats.incrementAndGet();
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    survivor.start();
    try {
      var client = new ApiClient(List.of(URI.create("http://localhost:" + deadPort),
          URI.create("http://localhost:" + survivor.getAddress().getPort())), KEY, "agent-1-w0", "agent-1");

      client.heartbeat("job-1", 1);
      client.heartbeat("job-1", 1);

      assertThat(heartbeats).hasValue(2);
    } finally {
      survivor.stop(0);
    }
  }
}
