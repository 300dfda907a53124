package com.aap.stack.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * This product end to end: stores provisioned through the API, carried out by an agent running in its
 * own JVM (so its memory, with its Chromium, can be measured apart), timed from the job steps in
 * PostgreSQL.
 */
final class ProductRun {

  /**
   * Phases as the job steps delimit them: name, from step, to step ("a|b": the first of them the job
   * has; a job in a reused session has no signing_in). "In agent + page load" is a claimed job's wait
   * for its turn in the agent (a claim brings several) and the token page's load with the company switch.
   */
  private static final String[][] PHASES = {
      {"queue wait", "queued", "claimed"},
      {"in agent + page load", "claimed", "signing_in|signed_in"},
      {"sign-in", "signing_in", "signed_in"},
      {"company switch", "signed_in", "company_selected"},
      {"register + hand-over", "registering", "token_stored"},
      {"verify", "token_stored", "token_verified"},
      {"store", "token_verified", "succeeded"},
  };

  /**
   * The agent's JVM as the Dockerfile runs it: a small heap (the agent holds a few jobs and pages'
   * handles) and the serial collector, which keeps no extra GC threads or regions; the JVM's default
   * heap is a quarter of the machine.
   */
  static final List<String> AGENT_JVM = List.of("-Xmx96m", "-XX:+UseSerialGC");

  private final BenchStack stack;
  private final Path workDir;
  private final Path chromium;
  private final MetricsScraper scraper;

  /** With a {@code scraper} (or null: metrics off), each agent serves its metrics on a free port, scraped too. */
  ProductRun(BenchStack stack, Path workDir, Path chromium, MetricsScraper scraper) {
    this.stack = stack;
    this.workDir = workDir;
    this.chromium = chromium;
    this.scraper = scraper;
  }

  /** A running agent process with the given concurrency, driving the Chromium binary this run was given. */
  Process startAgent(int concurrency) throws IOException {
    Files.createDirectories(workDir);
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(AGENT_JVM);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "com.aap.agent.AgentMain"));
    var builder = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(workDir.resolve("agent-" + concurrency + ".log").toFile());
    builder.environment().putAll(Map.of("API_URL", stack.api.baseUrl(), "AGENT_KEY", BenchStack.AGENT_KEY,
        "AGENT_CONCURRENCY", String.valueOf(concurrency), "CJ_PORTAL_URL", stack.sandbox.baseUrl() + "/",
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "AGENT_BROWSER", chromium.toString()));
    if (scraper != null) {
      int port = Machine.freePort();
      builder.environment().put("AGENT_METRICS_PORT", String.valueOf(port));
      scraper.agentPort(port);
    }
    Process agent = builder.start();
    awaitLogLine(workDir.resolve("agent-" + concurrency + ".log").toFile(), "serving", Duration.ofSeconds(60));
    return agent;
  }

  Result run(String name, List<BenchStack.Store> stores, Process agent, Duration timeout) throws Exception {
    double cpuBefore = Machine.busyCpuSeconds();
    Instant started = Instant.now();
    List<String> jobIds = new ArrayList<>();
    try (var memory = new Machine.PeakMemory(agent.pid(), true)) {
      for (BenchStack.Store store : stores) {
        jobIds.add(stack.rest.post(stack.api.baseUrl() + "/api/stores/" + store.id() + "/provision", Map.of())
            .path("jobId").asText());
      }
      awaitAllEnded(jobIds, started.plus(timeout));
      double wall = Duration.between(started, Instant.now()).toMillis() / 1000.0;
      double cpu = Machine.busyCpuSeconds() - cpuBefore;
      return measure(name, jobIds, wall, cpu, memory.peakBytes());
    }
  }

  /**
   * After a run, outside its timing: a store counts when CJ (the sandbox) issued exactly one token for
   * its company, the product verified the store's token against CJ's API, and the store's masked token
   * ends like the one CJ issued.
   */
  String checkTokens(String name, List<BenchStack.Store> stores) {
    Map<String, List<String>> issuedByCid = new HashMap<>();
    stores.stream().map(BenchStack.Store::email).distinct().forEach(email -> stack.rest
        .get(stack.sandbox.baseUrl() + "/_sandbox/tokens?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8))
        .forEach(token -> issuedByCid.computeIfAbsent(token.path("cid").asText(), k -> new ArrayList<>())
            .add(token.path("token").asText())));
    int good = 0;
    for (BenchStack.Store store : stores) {
      JsonNode saved = stack.rest.get(stack.api.baseUrl() + "/api/stores/" + store.id()).path("settings");
      List<String> issued = issuedByCid.getOrDefault(store.cid(), List.of());
      String token = issued.size() == 1 ? issued.get(0) : "";
      if (issued.size() == 1 && saved.hasNonNull("tokenVerifiedAt")
          && saved.path("cjAccessToken").asText().equals("****" + token.substring(Math.max(0, token.length() - 4)))) {
        good++;
      }
    }
    return String.format(Locale.ROOT, "%s: %d of %d stores hold exactly one token in CJ, verified by the product"
        + " against CJ's API, and it is the one stored (last four match)", name, good, stores.size());
  }

  /** One provision at a time on an otherwise idle system: what a specialist's single click costs. */
  Result singleClicks(List<BenchStack.Store> stores, Process agent) throws Exception {
    double cpuBefore = Machine.busyCpuSeconds();
    Instant started = Instant.now();
    List<String> jobIds = new ArrayList<>();
    double[] seconds = new double[stores.size()];
    for (int i = 0; i < stores.size(); i++) {
      long t0 = System.nanoTime();
      String jobId = stack.rest.post(stack.api.baseUrl() + "/api/stores/" + stores.get(i).id() + "/provision",
          Map.of()).path("jobId").asText();
      awaitAllEnded(List.of(jobId), Instant.now().plusSeconds(60));
      seconds[i] = (System.nanoTime() - t0) / 1e9;
      jobIds.add(jobId);
    }
    double wall = Duration.between(started, Instant.now()).toMillis() / 1000.0;
    Result steps = measure("single click, idle", jobIds, wall, Machine.busyCpuSeconds() - cpuBefore, 0);
    return new Result(steps.name(), stores.size(), steps.succeeded(), wall, seconds, steps.cpuSeconds(), 0,
        steps.phaseSeconds());
  }

  private void awaitAllEnded(List<String> jobIds, Instant deadline) throws SQLException {
    try (Connection db = stack.database();
         PreparedStatement open = db.prepareStatement(
             "SELECT count(*) FROM jobs WHERE id = ANY(?::uuid[]) AND state IN ('queued', 'running')")) {
      open.setArray(1, db.createArrayOf("text", jobIds.toArray()));
      while (Instant.now().isBefore(deadline)) {
        try (ResultSet rs = open.executeQuery()) {
          rs.next();
          if (rs.getLong(1) == 0) {
            return;
          }
        }
        Machine.sleep(jobIds.size() == 1 ? 20 : 250); // a single click is timed finely; a batch polls lightly
      }
    }
    throw new IllegalStateException("jobs still open at the deadline");
  }

  private Result measure(String name, List<String> jobIds, double wall, double cpu, long memory) throws SQLException {
    List<Double> perStore = new ArrayList<>();
    Map<String, Double> phases = new LinkedHashMap<>();
    for (String[] phase : PHASES) {
      phases.put(phase[0], 0.0);
    }
    try (Connection db = stack.database();
         PreparedStatement steps = db.prepareStatement(
             "SELECT s.job_id, s.name, extract(epoch FROM min(s.at)) FROM job_steps s JOIN jobs j ON j.id = s.job_id"
                 + " WHERE s.job_id = ANY(?::uuid[]) AND j.state = 'succeeded' GROUP BY s.job_id, s.name")) {
      steps.setArray(1, db.createArrayOf("text", jobIds.toArray()));
      Map<String, Map<String, Double>> byJob = new LinkedHashMap<>();
      try (ResultSet rs = steps.executeQuery()) {
        while (rs.next()) {
          byJob.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getDouble(3));
        }
      }
      for (Map<String, Double> at : byJob.values()) {
        if (at.containsKey("queued") && at.containsKey("succeeded")) {
          perStore.add(at.get("succeeded") - at.get("queued"));
        }
        for (String[] phase : PHASES) {
          Double from = at.get(phase[1]);
          Double to = Arrays.stream(phase[2].split("\\|")).map(at::get).filter(Objects::nonNull).findFirst().orElse(null);
          if (from != null && to != null) {
            phases.merge(phase[0], to - from, Double::sum);
          }
        }
      }
    }
    return new Result(name, jobIds.size(), perStore.size(), wall,
        perStore.stream().mapToDouble(Double::doubleValue).toArray(), cpu, memory, phases);
  }

  private static void awaitLogLine(File log, String text, Duration timeout) throws IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (log.exists() && Files.readString(log.toPath()).contains(text)) {
        return;
      }
      Machine.sleep(100);
    }
    throw new IllegalStateException("the agent did not start; see " + log);
  }
}
