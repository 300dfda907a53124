package com.aap.stack.abuse;

import com.aap.api.db.EmbeddedDatabase;
import com.aap.api.vault.Vault;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the load test attacks: an embedded PostgreSQL and the CJ sandbox in this JVM, the API and an agent
 * each in a JVM of its own, so the API's memory is its own to measure. The API runs as the image does
 * ({@code java -jar} with the JVM's defaults) but with {@value #API_HEAP} of heap, a figure an operator
 * would set; its other settings are the defaults.
 */
final class AbuseStack implements AutoCloseable {

  static final String API_HEAP = "-Xmx256m";
  static final String AGENT_KEY = "abuse-agent-key-" + "0123456789abcdef".repeat(3);
  static final String API_KEY = "abuse-admin-api-key-0123456789abcdef";

  final EmbeddedDatabase database;
  final SandboxServer sandbox;
  final Process api;
  final String apiUrl;
  private final List<Process> processes = new ArrayList<>();
  private final Path logs;

  AbuseStack(Path logs) throws IOException {
    this.logs = logs;
    Files.createDirectories(logs);
    database = EmbeddedDatabase.start();
    sandbox = SandboxServer.start(SandboxConfig.forTests());
    int port = freePort();
    apiUrl = "http://localhost:" + port;
    api = start("api", List.of(), List.of(API_HEAP), "com.aap.api.ApiMain", Map.of(
        "API_PORT", String.valueOf(port), "DATABASE_URL", database.url(),
        "VAULT_KEYSET", Vault.generateDevelopmentKeyset(), "AGENT_KEYS", AGENT_KEY, "ADMIN_API_KEY", API_KEY,
        "CJ_COMMISSIONS_URL", sandbox.baseUrl() + "/query"));
    awaitHealthy(Duration.ofSeconds(90));
  }

  /**
   * An agent as the Dockerfile runs one, with its default concurrency, at a lower CPU priority (nice 10): in
   * a deployment its Chromiums run on browser machines of their own, not on the API's cores, and here they
   * share two cores with the API. It still gets every cycle the API leaves.
   */
  Process startAgent() throws IOException {
    Process agent = start("agent", List.of("nice", "-n", "10"), List.of("-Xmx96m", "-XX:+UseSerialGC"),
        "com.aap.agent.AgentMain", Map.of(
        "API_URL", apiUrl, "AGENT_KEY", AGENT_KEY, "CJ_PORTAL_URL", sandbox.baseUrl() + "/",
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
    awaitLogLine(logs.resolve("agent.log").toFile(), "serving", Duration.ofSeconds(90));
    return agent;
  }

  /** The attackers ({@link Attack}), at the lowest CPU priority; they stop when their input is closed. */
  Process startAttack(int uploads, int flood, String victim) throws IOException {
    List<String> command = new ArrayList<>(List.of("nice", "-n", "19", java(), "-Xmx128m", "-XX:+UseSerialGC",
        "-cp", System.getProperty("java.class.path"), Attack.class.getName(),
        String.valueOf(URI.create(apiUrl).getPort()), String.valueOf(uploads), String.valueOf(flood), victim));
    Process attack = new ProcessBuilder(command).redirectError(logs.resolve("attack.log").toFile()).start();
    processes.add(attack);
    return attack;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private Process start(String name, List<String> prefix, List<String> jvm, String main, Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>(prefix);
    command.add(java());
    command.addAll(jvm);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logs.resolve(name + ".log").toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!api.isAlive()) throw new IllegalStateException("the API stopped; see " + logs.resolve("api.log"));
      try {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/health")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (health.statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    throw new IllegalStateException("the API did not start; see " + logs.resolve("api.log"));
  }

  private static void awaitLogLine(File log, String text, Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (log.exists() && Files.readString(log.toPath()).contains(text)) return;
      sleep(200);
    }
    throw new IllegalStateException("the agent did not start; see " + log);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    sandbox.close();
    database.close();
  }
}
