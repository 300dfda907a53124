package com.aap.api.http;

import com.aap.api.db.Database;
import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.TestDatabase;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET /api/health/live} and {@code /api/health/ready}: no credential, check names only. */
class HealthTest {

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();
  private static final Vertx vertx = Vertx.vertx();

  @AfterAll
  static void close() {
    vertx.close();
  }

  @Test
  void liveAndReadyAnswerWithoutCredentials() {
    JsonHttp.Response live = api.anonymous().get("/api/health/live");
    JsonHttp.Response ready = api.anonymous().get("/api/health/ready");

    assertThat(live.status()).isEqualTo(200);
    assertThat(live.json().getString("status")).isEqualTo("ok");
    assertThat(ready.status()).as(ready.body()).isEqualTo(200);
    assertThat(ready.json().getJsonObject("checks").getMap()).containsOnlyKeys("database", "migrations")
        .containsValues("ok");
    assertThat(api.anonymous().get("/api/health").status()).as("the old route stays").isEqualTo(200);
  }

  @Test
  void notReadyWhenTheSchemaLacksThisBuildsLatestMigration() throws Exception {
    Reply reply = ready(TestDatabase.url(), "9999");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.body().getJsonObject("checks").getString("database")).isEqualTo("ok");
    assertThat(reply.body().getJsonObject("checks").getString("migrations")).isEqualTo("failed");
  }

  @Test
  void notReadyWhenTheDatabaseDoesNotAnswer() throws Exception {
    Reply reply = ready("postgresql://aap:secret-password@localhost:9/aap", "1");

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.body().getJsonObject("checks").getString("database")).isEqualTo("failed");
    assertThat(reply.body().encode()).doesNotContain("secret-password").doesNotContain("localhost");
  }

  private static Reply ready(String databaseUrl, String schemaVersion) throws Exception {
    var pool = Database.pool(vertx, databaseUrl);
    try {
      return new Health(pool, schemaVersion).ready(null).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      pool.close();
    }
  }
}
