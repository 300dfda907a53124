package com.aap.stack.chaos;

import com.aap.api.JobSettings;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestApi;
import com.aap.api.vault.Vault;

/** The real API that can be stopped and started again on the same port, database and vault key. */
final class ChaosApi implements AutoCloseable {

  private final int port = RestartablePostgres.freePort();
  private final String keyset = Vault.generateDevelopmentKeyset();
  private final String databaseUrl;
  private final String cjUrl;
  private final JobSettings jobs;
  private volatile TestApi api;

  ChaosApi(String databaseUrl, String cjUrl, JobSettings jobs) {
    this.databaseUrl = databaseUrl;
    this.cjUrl = cjUrl;
    this.jobs = jobs;
    start();
  }

  synchronized void start() {
    api = TestApi.start(cjUrl, c -> c.withPort(port).withDatabaseUrl(databaseUrl).withVaultKeyset(keyset).withJobs(jobs));
  }

  synchronized void stop() {
    api.close();
  }

  void restart(long downMillis) {
    stop();
    Chaos.pause(downMillis);
    start();
  }

  String baseUrl() {
    return "http://localhost:" + port;
  }

  /** The REST API through the shared test helper (it carries the credentials every /api call needs). */
  JsonHttp rest() {
    return api.rest();
  }

  @Override
  public void close() {
    stop();
  }
}
