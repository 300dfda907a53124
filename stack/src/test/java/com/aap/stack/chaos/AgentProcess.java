package com.aap.stack.chaos;

import com.aap.api.testing.TestApi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** An agent in a JVM of its own, so a test can SIGKILL it ({@link Process#destroyForcibly()} on Linux). */
public final class AgentProcess implements AutoCloseable {

  private final Process process;

  private AgentProcess(Process process) {
    this.process = process;
  }

  public static AgentProcess start(String apiUrl, String portalUrl, String name, Map<String, String> settings) {
    try {
      Path logs = Files.createDirectories(Path.of("target", "chaos-logs"));
      ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", classpath(),
          "com.aap.agent.AgentMain")
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
      Map<String, String> env = builder.environment();
      env.putAll(Map.of("API_URL", apiUrl, "AGENT_KEY", TestApi.AGENT_KEY, "CJ_PORTAL_URL", portalUrl,
          "AGENT_ID", name, "AGENT_CONCURRENCY", "1", "AGENT_PAGE_TIMEOUT_SECONDS", "10",
          "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
      env.putAll(settings);
      return new AgentProcess(builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an agent JVM", e);
    }
  }

  /** SIGKILL: no shutdown hook, no last report, exactly like a machine losing power. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    kill();
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** The agent's shaded jar from the reactor build, else this JVM's own class path. */
  static String classpath() {
    Optional<Path> jar = Stream.of(Path.of("..", "agent", "target"), Path.of("agent", "target"))
        .filter(Files::isDirectory)
        .flatMap(AgentProcess::list)
        .filter(p -> p.getFileName().toString().matches("agent-.*-all\\.jar"))
        .findFirst();
    return jar.map(Path::toString).orElse(System.getProperty("java.class.path"));
  }

  private static Stream<Path> list(Path dir) {
    try {
      return Files.list(dir).toList().stream();
    } catch (IOException e) {
      return Stream.empty();
    }
  }

  public static Map<String, String> settings(String... keysAndValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
