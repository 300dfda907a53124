package com.aap.api;

import com.aap.api.testing.CjSandbox;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.StandInAgent;
import com.aap.api.testing.SyncRuns;
import com.aap.api.testing.TestApi;
import com.aap.api.testing.TestDatabase;
import com.aap.api.vault.Vault;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two API instances on one PostgreSQL, 4 s interval, 1 s leases: every store is synced once per interval
 * whichever instance takes it, and when one instance dies (its Vert.x closed in the middle of a run: whichever
 * has one going) the other takes its run over once the lease lapses and keeps every store on its moments.
 */
class TwoInstancesSyncTest {

  private static final Duration INTERVAL = Duration.ofSeconds(4);
  private static final int STORES = 6;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  /** One database, one key: both instances decrypt the tokens either stored. */
  private static final String KEYSET = Vault.generateDevelopmentKeyset();
  private static final UnaryOperator<ApiConfig> SHORT = config -> config.withVaultKeyset(KEYSET).withSync(config.sync()
      .withInterval(INTERVAL).withLeaseSeconds(1).withCallLimits(600, 6000));

  private SandboxServer sandbox;
  private TestApi first;
  private TestApi second;

  @BeforeEach
  void start() {
    TestDatabase.reset();
    sandbox = SandboxServer.start(SandboxConfig.forTests());
    first = TestApi.start(sandbox.baseUrl() + "/query", SHORT);
  }

  @AfterEach
  void stop() {
    if (second != null) second.close();
    if (first != null) first.close();
    sandbox.close();
  }

  @Test
  void everyStoreIsSyncedOncePerIntervalAndTheSurvivorTakesOverTheDeadInstancesStores() {
    CjSandbox cj = new CjSandbox(new JsonHttp(sandbox.baseUrl(), null));
    List<String> stores = new ArrayList<>();
    for (int i = 0; i < STORES; i++) stores.add(onboard(cj, "two-" + i));
    awaitRuns(runs -> runs.size() >= 1);
    second = TestApi.start(sandbox.baseUrl() + "/query", SHORT);
    awaitRuns(runs -> runs.size() >= 3);
    assertOncePerInterval(SyncRuns.all());

    assertThat(new JsonHttp(sandbox.baseUrl(), null).put("/_sandbox/config", new JsonObject().put("apiLatencyMillis", 500))
        .status()).isEqualTo(200);
    SyncRuns.Run inFlight = awaitAny(run -> run.finishedAt() == null); // killed in the middle of a run
    boolean firstDies = inFlight.instance().endsWith(":" + first.server().port());
    TestApi survivor = firstDies ? second : first;
    Instant killed = Instant.now();
    kill(firstDies);

    awaitRuns(runs -> runs.stream().filter(run -> run.scheduledFor().isAfter(killed)).count() >= 2);
    List<SyncRuns.Run> all = SyncRuns.all();
    assertOncePerInterval(all);
    String survivorName = instanceOf(survivor);
    assertThat(all).filteredOn(run -> run.startedAt().isAfter(killed.plusSeconds(1)))
        .extracting(SyncRuns.Run::instance).containsOnly(survivorName);
    assertThat(all).filteredOn(run -> run.takeovers() > 0).isNotEmpty()
        .allMatch(run -> run.instance().equals(survivorName) && "succeeded".equals(run.state()));
    assertThat(all.stream().map(SyncRuns.Run::storeId).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(stores);
  }

  /** Per store: one finished, successful run per scheduled moment, and after the first, one every interval. */
  private static void assertOncePerInterval(List<SyncRuns.Run> runs) {
    Map<String, List<SyncRuns.Run>> byStore = runs.stream().filter(run -> run.finishedAt() != null)
        .collect(Collectors.groupingBy(SyncRuns.Run::storeId));
    assertThat(byStore).hasSize(STORES);
    byStore.forEach((store, list) -> {
      assertThat(list).as(store).allMatch(run -> "succeeded".equals(run.state()), "succeeded");
      for (int i = 2; i < list.size(); i++) {
        assertThat(Duration.between(list.get(i - 1).scheduledFor(), list.get(i).scheduledFor()))
            .as("%s: %s", store, list).isEqualTo(INTERVAL);
      }
    });
  }

  private static String instanceOf(TestApi api) {
    List<String> names = SyncRuns.all().stream().map(SyncRuns.Run::instance)
        .filter(name -> name.endsWith(":" + api.server().port())).distinct().toList();
    assertThat(names).hasSize(1);
    return names.get(0);
  }

  /** Waits until every store's runs satisfy {@code condition}. */
  private static void awaitRuns(Predicate<List<SyncRuns.Run>> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Map<String, List<SyncRuns.Run>> byStore = SyncRuns.all().stream().filter(run -> "succeeded".equals(run.state()))
          .collect(Collectors.groupingBy(SyncRuns.Run::storeId));
      if (byStore.size() == STORES && byStore.values().stream().allMatch(condition)) return;
      TestApi.sleep(50);
    }
    throw new AssertionError("the stores' runs did not get there within " + TIMEOUT + ": " + SyncRuns.all());
  }

  /** Closes one instance's Vert.x (its verticles stop; its runs in flight are left to their leases). */
  private void kill(boolean firstDies) {
    if (firstDies) {
      first.close();
      first = null;
    } else {
      second.close();
      second = null;
    }
  }

  private static SyncRuns.Run awaitAny(Predicate<SyncRuns.Run> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (SyncRuns.Run run : SyncRuns.all()) {
        if (condition.test(run)) return run;
      }
      TestApi.sleep(10);
    }
    throw new AssertionError("no such run within " + TIMEOUT + ": " + SyncRuns.all());
  }

  private String onboard(CjSandbox cj, String storeId) {
    String cid = cj.company(30);
    String email = cj.user(cid, Fixtures.PASSWORD);
    Fixtures.createStore(first.rest(), storeId, cid, Fixtures.createLogin(first.rest(), email, Fixtures.PASSWORD), true);
    String jobId = Fixtures.provision(first.rest(), storeId);
    new StandInAgent(first.agent()).handOver(jobId, cj.mintToken(email, cid));
    assertThat(first.awaitJob(jobId, Set.of("succeeded", "failed", "needs_attention"), TIMEOUT).getString("state"))
        .isEqualTo("succeeded");
    return storeId;
  }
}
