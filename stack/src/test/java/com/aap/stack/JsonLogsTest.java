package com.aap.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * LOG_FORMAT=json: an agent in a JVM of its own (with its shipped logback.xml) writes one JSON object a
 * line, the lines about a job carry its id as a field, and neither the CJ password nor the token is in them.
 */
class JsonLogsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Stack stack = Stack.get();

  @Test
  void anAgentWithLogFormatJsonLogsJsonLinesWithTheJobIdAndNoSecret() {
    String agentId = "json-logs-" + UUID.randomUUID().toString().substring(0, 8);
    Path log = Path.of("target", "chaos-logs", agentId + ".log");
    stack.withAgentProcess(agentId, Map.of("LOG_FORMAT", "json"), () -> {
      CjAccount account = CjAccount.ready(stack, 10);
      String jobId = account.provision();
      assertThat(account.awaitJobEnd(jobId, Duration.ofSeconds(60)).path("state").asText()).isEqualTo("succeeded");
      String token = account.tokensIssued().get(0).path("token").asText();

      List<JsonNode> lines = awaitLine(log, line -> jobId.equals(line.path("mdc").path("jobId").asText())
          && line.path("formattedMessage").asText().contains("token handed over"));

      assertThat(lines).as("every line is a JSON object").allMatch(JsonNode::isObject)
          .anyMatch(line -> line.path("formattedMessage").asText().contains("serving"));
      assertThat(lines).filteredOn(line -> jobId.equals(line.path("mdc").path("jobId").asText()))
          .allMatch(line -> account.storeId.equals(line.path("mdc").path("storeId").asText()))
          .extracting(line -> line.path("level").asText()).isNotEmpty();
      assertThat(readAll(log)).doesNotContain(account.password).doesNotContain(token);
    });
  }

  /** The log's lines, parsed, once one matches (the agent may log its last line just after the job ends). */
  private static List<JsonNode> awaitLine(Path log, java.util.function.Predicate<JsonNode> wanted) {
    Instant deadline = Instant.now().plusSeconds(10);
    List<JsonNode> lines;
    do {
      lines = new ArrayList<>();
      for (String line : readAll(log).lines().filter(l -> !l.isBlank()).toList()) {
        lines.add(parse(line));
      }
      if (lines.stream().anyMatch(wanted)) {
        return lines;
      }
      CjAccount.pause(100);
    } while (Instant.now().isBefore(deadline));
    throw new AssertionError("no such line in " + log + ":\n" + readAll(log));
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }

  private static String readAll(Path log) {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
