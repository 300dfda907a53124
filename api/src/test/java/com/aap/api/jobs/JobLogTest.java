package com.aap.api.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's shipped logback.xml: with LOG_FORMAT=json a line about a job is one JSON object with the job's id
 * as the field {@code mdc.jobId}, and the next line on the same thread has none; with the text format the id
 * stays in the message.
 */
class JobLogTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SHIPPED = Path.of("src", "main", "resources", "logback.xml");

  @Test
  void withLogFormatJsonALineAboutAJobHasItsIdAsAFieldAndTheNextLineHasNone() throws Exception {
    String jobId = UUID.randomUUID().toString();

    List<String> lines = logged("json", log -> {
      JobLog.info(log, jobId, "job {} queued for store {}", jobId, "store-1");
      log.info("job signals: listening");
    });

    assertThat(lines).hasSize(2);
    JsonNode aboutTheJob = JSON.readTree(lines.get(0));
    assertThat(aboutTheJob.path("mdc").path("jobId").asText()).isEqualTo(jobId);
    assertThat(aboutTheJob.path("level").asText()).isEqualTo("INFO");
    assertThat(aboutTheJob.path("formattedMessage").asText()).isEqualTo("job " + jobId + " queued for store store-1");
    assertThat(JSON.readTree(lines.get(1)).path("mdc").path("jobId").isMissingNode()).isTrue();
  }

  @Test
  void everyLevelCarriesTheFieldAndALevelTurnedOffWritesNothing() throws Exception {
    String jobId = UUID.randomUUID().toString();

    List<String> lines = logged("json", log -> {
      JobLog.warn(log, jobId, "job {} lease expired", jobId);
      JobLog.error(log, jobId, "job {} token verification failed", jobId);
      ((ch.qos.logback.classic.Logger) log).setLevel(Level.OFF);
      JobLog.error(log, jobId, "not written");
    });

    assertThat(lines).hasSize(2);
    for (String line : lines) assertThat(JSON.readTree(line).path("mdc").path("jobId").asText()).isEqualTo(jobId);
    assertThat(JSON.readTree(lines.get(1)).path("level").asText()).isEqualTo("ERROR");
  }

  @Test
  void theTextFormatKeepsTheIdInTheMessage() throws Exception {
    String jobId = UUID.randomUUID().toString();

    List<String> lines = logged("text", log -> JobLog.info(log, jobId, "job {} cancelled by a specialist", jobId));

    assertThat(lines).singleElement().asString().contains("job " + jobId + " cancelled by a specialist")
        .doesNotStartWith("{");
  }

  /** The lines the shipped configuration writes to standard output for what {@code body} logs. */
  private static List<String> logged(String format, Consumer<Logger> body) throws Exception {
    LoggerContext context = new LoggerContext();
    context.putProperty("LOG_FORMAT", format);
    // the one SLF4J's MDC (and so JobLog) writes to, as the API's own context has
    context.setMDCAdapter(((LoggerContext) LoggerFactory.getILoggerFactory()).getMDCAdapter());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream standardOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      JoranConfigurator configurator = new JoranConfigurator();
      configurator.setContext(context);
      configurator.doConfigure(SHIPPED.toFile());
      body.accept(context.getLogger("com.aap.api.jobs.Jobs"));
    } finally {
      System.setOut(standardOut);
      context.stop();
    }
    return out.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
  }
}
