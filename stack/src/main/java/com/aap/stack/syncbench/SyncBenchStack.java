package com.aap.stack.syncbench;

import com.aap.api.db.DatabaseUrl;
import com.aap.api.db.EmbeddedDatabase;
import com.aap.api.vault.Vault;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import com.aap.sandbox.SandboxState;
import com.aap.sandbox.accounts.User;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What bench-sync measures: an embedded PostgreSQL and the sandbox (latency 0) in this JVM, the API in a JVM
 * of its own ({@code -Xmx256m}), so its CPU time is its own to read from /proc. The stores, their CJ logins and
 * their verified tokens are written straight into PostgreSQL, encrypted with the API's keyset: provisioning
 * 10,000 stores through an agent is scripts/bench's subject, not this one's.
 */
final class SyncBenchStack implements AutoCloseable {

  private static final int STORES_PER_LOGIN = 100;
  private static final int FIRST_CID = 6_000_000;

  final EmbeddedDatabase database;
  final SandboxServer sandbox;
  final Process api;
  private final String keyset = Vault.generateDevelopmentKeyset();
  private final String apiUrl;

  SyncBenchStack(Path logs, int intervalMinutes) throws IOException {
    Files.createDirectories(logs);
    database = EmbeddedDatabase.start();
    sandbox = SandboxServer.start(SandboxConfig.forTests());
    int port = freePort();
    apiUrl = "http://localhost:" + port;
    List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), "com.aap.api.ApiMain");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logs.resolve("api.log").toFile());
    builder.environment().putAll(java.util.Map.of("API_PORT", String.valueOf(port), "DATABASE_URL", database.url(),
        "VAULT_KEYSET", keyset, "AGENT_KEYS", "bench-sync-agent-key-0123456789abcdefghij",
        "CJ_COMMISSIONS_URL", sandbox.baseUrl() + "/query",
        "SYNC_INTERVAL_MINUTES", String.valueOf(intervalMinutes),
        // the sandbox is on this machine: the overall limit must not be what is measured (10,000 stores hourly
        // need about 170 calls a minute against CJ, under the default of 600)
        "CJ_CALLS_PER_MINUTE", "1000000"));
    api = builder.start();
    awaitHealthy(Duration.ofSeconds(90), logs);
  }

  /**
   * {@code stores} sandbox companies with {@code commissions} each, their users (100 companies each) and one
   * token per company; the same stores in PostgreSQL with their logins and tokens, each sync due at once (its
   * first: the 90-day retrieval). Returns the store ids.
   */
  List<String> seed(int stores, int commissions) throws SQLException {
    SandboxState cj = sandbox.state();
    Vault vault = Vault.fromKeyset(keyset);
    List<String> ids = new ArrayList<>();
    try (Connection db = connect();
         PreparedStatement login = db.prepareStatement("INSERT INTO cj_logins (id, email, password_enc) VALUES (?, ?, ?)");
         PreparedStatement store = db.prepareStatement("""
             INSERT INTO stores (id, name, cj_company_id, cj_login_id, agency_signed_on, agency_reference, token_enc,
                                 token_last4, token_name, token_verified_at)
             VALUES (?, ?, ?, ?, ?, 'BENCH', ?, ?, 'affiliate_advertiser_pro_app', now())""");
         PreparedStatement sync = db.prepareStatement("INSERT INTO store_syncs (store_id, next_run_at) VALUES (?, ?)")) {
      db.setAutoCommit(false);
      for (int first = 0; first < stores; first += STORES_PER_LOGIN) {
        String email = "bench-sync-" + first + "@agency.example";
        UUID loginId = UUID.randomUUID();
        login.setObject(1, loginId);
        login.setString(2, email);
        login.setBytes(3, vault.encrypt("bench-password", Vault.loginPassword(loginId)));
        login.addBatch();
        List<Long> cids = new ArrayList<>();
        for (int i = first; i < Math.min(stores, first + STORES_PER_LOGIN); i++) {
          long cid = FIRST_CID + i;
          cj.companies().create(cid, "Bench " + cid, commissions);
          cids.add(cid);
        }
        cj.users().put(new User(email, "bench-password", null, cids));
        for (long cid : cids) {
          String id = "sync-" + cid;
          String token = cj.tokens().issue(email, "affiliate_advertiser_pro_app", cid).token();
          store.setString(1, id);
          store.setString(2, "Store " + id);
          store.setString(3, String.valueOf(cid));
          store.setObject(4, loginId);
          store.setObject(5, LocalDate.now().minusDays(1));
          store.setBytes(6, vault.encrypt(token, Vault.storeToken(id)));
          store.setString(7, token.substring(token.length() - 4));
          store.addBatch();
          sync.setString(1, id);
          sync.setTimestamp(2, Timestamp.from(Instant.now()));
          sync.addBatch();
          ids.add(id);
        }
        login.executeBatch();
        store.executeBatch();
        sync.executeBatch();
      }
      db.commit();
    }
    return ids;
  }

  Connection connect() throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(database.url());
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  /** CPU seconds the API process has used (user + system), from /proc/PID/stat. */
  double apiCpuSeconds() {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(api.pid()), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    } catch (IOException e) {
      return Double.NaN;
    }
  }

  private void awaitHealthy(Duration timeout, Path logs) {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!api.isAlive()) throw new IllegalStateException("the API stopped; see " + logs.resolve("api.log"));
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/api/health")).build(),
            HttpResponse.BodyHandlers.ofString()).statusCode() == 200) return;
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      SyncBench.sleep(250);
    }
    throw new IllegalStateException("the API did not start; see " + logs.resolve("api.log"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() {
    api.destroy();
    try {
      api.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sandbox.close();
    database.close();
  }
}
