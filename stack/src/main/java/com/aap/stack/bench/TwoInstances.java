package com.aap.stack.bench;

import com.aap.api.db.DatabaseUrl;
import com.aap.api.db.EmbeddedDatabase;
import com.aap.api.db.Migrations;
import com.aap.api.vault.Vault;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code scripts/two-instances [PROVISIONS]}: two API processes on one embedded PostgreSQL, three agent
 * processes (two list instance 1 first, one instance 2; each lists both and moves to the other when one
 * cannot be reached). Provisions go through both instances; instance 1 is SIGKILLed mid-run. Then: every
 * job succeeded, every token CJ issued is stored or listed (none lost, none registered twice), and the
 * claim-to-wake-up latency: from a job's {@code queued} step to its {@code claimed} step (PostgreSQL's
 * clock; the claim's transaction starts when the waiting long-poll wakes), measured on single jobs queued
 * while every agent waits, before the kill (queued through either instance) and after (the survivor),
 * once each agent's Chromiums have started (a few jobs first, not timed).
 * Exits 1 when a check fails. Logs: target/two-instances/.
 */
public final class TwoInstances {

  private static final String AGENT_KEY = BenchStack.AGENT_KEY;
  private static final String API_KEY = BenchStack.API_KEY;
  /** Single jobs timed before the kill, and again after it. */
  private static final int PROBES = 15;
  private static final int LOGINS = 5;
  private static final Path LOGS = Path.of("target", "two-instances");

  private final List<Process> processes = new ArrayList<>();
  private final Rest rest = new Rest(API_KEY);

  private TwoInstances() {
  }

  public static void main(String[] args) throws Exception {
    int provisions = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    if (provisions < LOGINS + 2 * PROBES + 30) {
      throw new IllegalArgumentException("at least " + (LOGINS + 2 * PROBES + 30) + " provisions");
    }
    boolean passed = new TwoInstances().run(provisions);
    System.exit(passed ? 0 : 1);
  }

  private boolean run(int provisions) throws Exception {
    Files.createDirectories(LOGS);
    try (EmbeddedDatabase database = EmbeddedDatabase.start();
         SandboxServer sandbox = SandboxServer.start(SandboxConfig.forTests())) {
      Migrations.migrate(database.url());
      String keyset = Vault.generateDevelopmentKeyset();
      String api1 = "http://localhost:" + freePort();
      String api2 = "http://localhost:" + freePort();
      Process first = startApi("api-1", api1, database.url(), keyset, sandbox.baseUrl());
      startApi("api-2", api2, database.url(), keyset, sandbox.baseUrl());
      awaitReady(api1);
      awaitReady(api2);
      List<BenchStack.Store> stores = BenchStack.seed(rest, sandbox.baseUrl(), api1, "two", provisions, LOGINS, 6_000_000);
      startAgent("agent-1", api1 + "," + api2, sandbox.baseUrl());
      startAgent("agent-2", api1 + "," + api2, sandbox.baseUrl());
      startAgent("agent-3", api2 + "," + api1, sandbox.baseUrl());
      System.out.printf("two API instances (%s, %s) on one PostgreSQL; agents 1 and 2 list %s first, agent 3 %s%n",
          api1, api2, api1, api2);

      try (Connection db = connect(database.url())) {
        Instant started = Instant.now();
        List<String> jobs = new ArrayList<>();
        // warm-up, not timed: each worker's Chromium starts before its first claim
        for (BenchStack.Store store : stores.subList(0, LOGINS)) jobs.add(provision(api1, store));
        awaitEnded(db, jobs, Duration.ofMinutes(2));
        List<Long> before = probe(db, stores.subList(LOGINS, LOGINS + PROBES), List.of(api1, api2), jobs);
        List<BenchStack.Store> bulk = stores.subList(LOGINS + PROBES, provisions - PROBES);
        for (int i = 0; i < bulk.size(); i++) jobs.add(provision(i % 2 == 0 ? api1 : api2, bulk.get(i)));
        System.out.printf("%d provisions queued through both instances%n", bulk.size());
        awaitSucceeded(db, jobs, LOGINS + PROBES + bulk.size() / 3);
        first.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, connections cut mid-request
        System.out.printf("API instance 1 SIGKILLed with %d of %d jobs succeeded%n", count(db, jobs, "succeeded"),
            jobs.size());
        awaitEnded(db, jobs, Duration.ofMinutes(20));
        List<Long> after = probe(db, stores.subList(provisions - PROBES, provisions), List.of(api2), jobs);
        long seconds = Duration.between(started, Instant.now()).toSeconds();
        return report(db, jobs, stores, sandbox.baseUrl(), api2, before, after, seconds);
      }
    } finally {
      processes.forEach(Process::destroyForcibly);
    }
  }

  /**
   * Queues one job at a time, alternating between {@code apis}, each once the previous one has ended (so
   * every agent worker waits in a claim), and returns each one's milliseconds from queued to claimed.
   */
  private List<Long> probe(Connection db, List<BenchStack.Store> stores, List<String> apis, List<String> jobs)
      throws SQLException {
    List<Long> millis = new ArrayList<>();
    for (int i = 0; i < stores.size(); i++) {
      Machine.sleep(300); // the workers that just finished are back in their long-polls
      String job = provision(apis.get(i % apis.size()), stores.get(i));
      jobs.add(job);
      awaitEnded(db, List.of(job), Duration.ofMinutes(2));
      try (PreparedStatement latency = db.prepareStatement("SELECT extract(epoch FROM"
          + " (SELECT min(at) FROM job_steps WHERE job_id = ?::uuid AND name = 'claimed')"
          + " - (SELECT min(at) FROM job_steps WHERE job_id = ?::uuid AND name = 'queued')) * 1000")) {
        latency.setString(1, job);
        latency.setString(2, job);
        try (ResultSet rs = latency.executeQuery()) {
          rs.next();
          millis.add(Math.round(rs.getDouble(1)));
        }
      }
    }
    return millis;
  }

  private boolean report(Connection db, List<String> jobs, List<BenchStack.Store> stores, String sandboxUrl,
                         String survivor, List<Long> before, List<Long> after, long seconds) throws SQLException {
    Tokens tokens = Tokens.audit(rest, sandboxUrl, survivor, stores);
    int succeeded = count(db, jobs, "succeeded");
    System.out.println();
    System.out.println("| provisions | succeeded | tokens issued | stored | orphans listed | lost | duplicates | took |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    System.out.printf("| %d | %d | %d | %d | %d | %d | %d | %d s |%n", jobs.size(), succeeded, tokens.issued, tokens.stored,
        tokens.listed, tokens.lost, tokens.duplicates, seconds);
    System.out.println();
    System.out.printf("claim-to-wake-up, both instances up, queued through either (%d jobs): %s%n", before.size(),
        percentiles(before));
    System.out.printf("claim-to-wake-up on the survivor after the kill (%d jobs): %s%n", after.size(),
        percentiles(after));
    boolean passed = succeeded == jobs.size() && tokens.lost == 0 && tokens.duplicates == 0
        && tokens.stored == stores.size() && percentile(after, 50) < 100;
    System.out.println(passed ? "PASSED" : "FAILED");
    return passed;
  }

  /** Every token CJ (the sandbox) issued for the stores' companies: stored on its store, or listed there. */
  private record Tokens(int issued, int stored, int listed, int lost, int duplicates) {

    static Tokens audit(Rest rest, String sandboxUrl, String apiUrl, List<BenchStack.Store> stores) {
      Map<String, List<JsonNode>> issuedByCid = new HashMap<>();
      stores.stream().map(BenchStack.Store::email).distinct().forEach(email -> rest
          .get(sandboxUrl + "/_sandbox/tokens?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8))
          .forEach(token -> issuedByCid.computeIfAbsent(token.path("cid").asText(), k -> new ArrayList<>()).add(token)));
      int issued = 0;
      int stored = 0;
      int listed = 0;
      int lost = 0;
      int duplicates = 0;
      Set<String> storedValues = new HashSet<>();
      for (BenchStack.Store store : stores) {
        JsonNode settings = rest.get(apiUrl + "/api/stores/" + store.id()).path("settings");
        String masked = settings.path("cjAccessToken").asText("");
        Set<String> orphanNames = new HashSet<>();
        settings.path("possiblyOrphanedTokens").forEach(o -> orphanNames.add(o.path("name").asText()));
        boolean storeHasOne = false;
        for (JsonNode token : issuedByCid.getOrDefault(store.cid(), List.of())) {
          issued++;
          String value = token.path("token").asText();
          if (!storeHasOne && masked.equals("****" + value.substring(Math.max(0, value.length() - 4)))) {
            storeHasOne = true;
            stored++;
            if (!storedValues.add(value)) duplicates++; // one token on two stores
          } else if (orphanNames.contains(token.path("name").asText())) {
            listed++; // registered again (a retried job): listed on the store for revocation
          } else {
            lost++;
          }
        }
      }
      return new Tokens(issued, stored, listed, lost, duplicates);
    }
  }

  private Process startApi(String name, String url, String databaseUrl, String keyset, String sandboxUrl)
      throws IOException {
    return start(name, List.of("-Xmx256m"), "com.aap.api.ApiMain", Map.of(
        "API_PORT", String.valueOf(URI.create(url).getPort()), "DATABASE_URL", databaseUrl, "VAULT_KEYSET", keyset,
        "AGENT_KEYS", AGENT_KEY, "ADMIN_API_KEY", API_KEY, "CJ_COMMISSIONS_URL", sandboxUrl + "/query",
        "TAKE_OVER_WAIT_SECONDS", "0"));
  }

  private void startAgent(String name, String apiUrls, String sandboxUrl) throws IOException {
    start(name, ProductRun.AGENT_JVM, "com.aap.agent.AgentMain", Map.of("API_URL", apiUrls, "AGENT_KEY", AGENT_KEY,
        "AGENT_ID", name, "AGENT_CONCURRENCY", "2", "CJ_PORTAL_URL", sandboxUrl + "/",
        "PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"));
  }

  private Process start(String name, List<String> jvm, String main, Map<String, String> env) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvm);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(LOGS.resolve(name + ".log").toFile());
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private String provision(String apiUrl, BenchStack.Store store) {
    return rest.post(apiUrl + "/api/stores/" + store.id() + "/provision", Map.of()).path("jobId").asText();
  }

  /** Polls {@code GET /api/health/ready}, which needs no credential. */
  private static void awaitReady(String apiUrl) throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/health/ready")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(apiUrl + " did not become ready; see " + LOGS);
  }

  private static void awaitSucceeded(Connection db, List<String> jobs, int atLeast) throws SQLException {
    while (count(db, jobs, "succeeded") < atLeast) Machine.sleep(100);
  }

  private static void awaitEnded(Connection db, List<String> jobs, Duration timeout) throws SQLException {
    Instant deadline = Instant.now().plus(timeout);
    while (count(db, jobs, "queued") + count(db, jobs, "running") > 0) {
      if (Instant.now().isAfter(deadline)) throw new IllegalStateException("jobs still open at the deadline");
      Machine.sleep(jobs.size() == 1 ? 10 : 250);
    }
  }

  private static int count(Connection db, List<String> jobs, String state) throws SQLException {
    try (PreparedStatement count = db.prepareStatement(
        "SELECT count(*) FROM jobs WHERE id = ANY(?::uuid[]) AND state = ?")) {
      count.setArray(1, db.createArrayOf("text", jobs.toArray()));
      count.setString(2, state);
      try (ResultSet rs = count.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static String percentiles(List<Long> millis) {
    return String.format(Locale.ROOT, "p50 %d ms, p95 %d ms, max %d ms", percentile(millis, 50), percentile(millis, 95),
        percentile(millis, 100));
  }

  private static long percentile(List<Long> millis, int p) {
    List<Long> sorted = millis.stream().sorted().toList();
    return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  private static Connection connect(String databaseUrl) throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(databaseUrl);
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
