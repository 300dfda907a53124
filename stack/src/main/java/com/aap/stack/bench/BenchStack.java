package com.aap.stack.bench;

import com.aap.api.AccessSettings;
import com.aap.api.ApiConfig;
import com.aap.api.ApiServer;
import com.aap.api.db.DatabaseUrl;
import com.aap.api.db.EmbeddedDatabase;
import com.aap.api.metrics.MetricsSettings;
import com.aap.api.vault.Vault;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The system under test for the benchmark: an embedded PostgreSQL, the sandbox and the API in this
 * JVM, seeded with K CJ logins that each serve N/K companies and their stores.
 */
final class BenchStack implements AutoCloseable {

  static final String AGENT_KEY = "bench-agent-key-0123456789abcdefghijklmn";
  static final String API_KEY = "bench-admin-api-key-0123456789";

  /** One store to provision: the CJ user who may act for its company, and the company. */
  record Store(String id, String cid, String email, String password) {
  }

  final EmbeddedDatabase database;
  final SandboxServer sandbox;
  final ApiServer api;
  final Rest rest;
  private int nextCid = 5_000_000;

  /** {@code metrics}: the API's /metrics on (as by default) or off ({@code METRICS_ENABLED=false}). */
  BenchStack(boolean metrics) {
    database = EmbeddedDatabase.start();
    sandbox = SandboxServer.start(SandboxConfig.forTests());
    api = ApiServer.start(ApiConfig.defaults().withPort(0).withDatabaseUrl(database.url())
        .withVaultKeyset(Vault.generateDevelopmentKeyset()).withAgentKeys(List.of(AGENT_KEY))
        .withCjCommissionsUrl(sandbox.baseUrl() + "/query")
        .withAccess(AccessSettings.defaults().withAdminApiKey(API_KEY))
        .withMetrics(MetricsSettings.defaults().withEnabled(metrics)));
    rest = new Rest(API_KEY);
  }

  /** Creates {@code logins} CJ users sharing {@code stores} companies, and the stores in the API. */
  List<Store> seed(String prefix, int stores, int logins) {
    List<Store> all = seed(rest, sandbox.baseUrl(), api.baseUrl(), prefix, stores, logins, nextCid);
    nextCid += stores;
    return all;
  }

  /** The same against any sandbox and API, the companies numbered from {@code firstCid}. */
  static List<Store> seed(Rest rest, String sandboxUrl, String apiUrl, String prefix, int stores, int logins,
                          int firstCid) {
    int nextCid = firstCid;
    List<Store> all = new ArrayList<>();
    for (int login = 0; login < logins; login++) {
      String email = prefix + "-login-" + login + "@agency.example";
      String password = "bench-" + prefix + "-" + login;
      List<String> cids = new ArrayList<>();
      for (int i = login; i < stores; i += logins) {
        String cid = String.valueOf(nextCid++);
        rest.post(sandboxUrl + "/_sandbox/companies", Map.of("cid", cid, "name", "Bench " + cid, "commissions", 20));
        cids.add(cid);
        all.add(new Store(prefix + "-store-" + i, cid, email, password));
      }
      rest.post(sandboxUrl + "/_sandbox/users", Map.of("email", email, "password", password, "cids", cids));
    }
    Map<String, String> loginIds = new LinkedHashMap<>();
    for (Store store : all) {
      String loginId = loginIds.computeIfAbsent(store.email(), email -> rest.post(apiUrl + "/api/cj-logins",
          Map.of("email", email, "password", store.password())).path("id").asText());
      rest.post(apiUrl + "/api/stores", Map.of("id", store.id(), "name", "Store " + store.id(),
          "cjCompanyId", store.cid(), "cjLoginId", loginId,
          "agencyAuthorization", Map.of("signedOn", LocalDate.now().minusDays(1).toString(), "reference", "BENCH")));
    }
    return all;
  }

  Connection database() throws SQLException {
    DatabaseUrl url = DatabaseUrl.parse(database.url());
    return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
  }

  @Override
  public void close() {
    api.close();
    sandbox.close();
    database.close();
  }
}
