package com.aap.stack.chaos;

import com.aap.api.JobSettings;
import com.aap.api.testing.JsonHttp;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code scripts/chaos [PROVISIONS] [AGENT_JVMS] [SEED]}: a randomized mix over many provisions. Agent JVMs
 * are SIGKILLed at random moments (so at random steps) and replaced, PostgreSQL and the API are restarted,
 * and the sandbox misbehaves (slow pages for everyone; per user a 500 on Register, a failing commission
 * API, a CAPTCHA, a second-factor page, a changed layout). Prints the table of issue 3; exits 1 unless
 * lost and duplicates are 0.
 */
public final class ChaosMain {

  private static final List<String> USER_FAULTS = List.of("registerFailures", "commissionFailures", "captcha",
      "secondFactor", "changedLayout");

  private final Random random;
  private final Map<String, Integer> faults = new TreeMap<>();
  private final List<AgentProcess> agents = new ArrayList<>();
  private int agentsStarted;

  private ChaosMain(long seed) {
    this.random = new Random(seed);
  }

  public static void main(String[] args) throws Exception {
    int provisions = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int agentJvms = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : System.currentTimeMillis();
    System.out.printf("chaos: %d provisions, %d agent JVMs, seed %d%n", provisions, agentJvms, seed);
    BatchOutcome outcome = new ChaosMain(seed).run(provisions, agentJvms);
    System.exit(outcome.lost() == 0 && outcome.duplicates() == 0 ? 0 : 1);
  }

  private BatchOutcome run(int provisions, int agentJvms) {
    Instant started = Instant.now();
    try (SandboxServer sandbox = SandboxServer.start(SandboxConfig.forTests());
         RestartablePostgres postgres = RestartablePostgres.startMigrated();
         ChaosApi api = new ChaosApi(postgres.url(), sandbox.baseUrl() + "/query",
             JobSettings.defaults().withLeaseSeconds(6).withBackoffBaseMillis(500).withMaxAttempts(5)
                 .withTakeOverWaitSeconds(0))) { // no person takes over here: the pages only one passes end jobs at once
      JsonHttp control = new JsonHttp(sandbox.baseUrl(), null);
      for (int i = 0; i < agentJvms; i++) startAgent(api, sandbox);
      List<Advertiser> advertisers = new ArrayList<>();
      for (int i = 0; i < provisions; i++) {
        Advertiser advertiser = Advertiser.create(control, api.rest());
        if (random.nextInt(100) < 12) advertiser.withFaults(userFault());
        advertiser.provision(api.rest());
        advertisers.add(advertiser);
      }
      AtomicBoolean done = new AtomicBoolean();
      Thread chaos = new Thread(() -> inject(done, api, postgres, sandbox, control), "chaos");
      chaos.start();
      awaitAllEnded(advertisers, api, Duration.ofMinutes(30));
      done.set(true);
      chaos.join();
      control.send("DELETE", "/_sandbox/faults", null);
      BatchOutcome outcome = BatchOutcome.of(advertisers, api::rest, sandbox.baseUrl(), Duration.ofMinutes(1));
      print(outcome, provisions, Duration.between(started, Instant.now()));
      return outcome;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      agents.forEach(AgentProcess::kill);
    }
  }

  private JsonObject userFault() {
    String fault = USER_FAULTS.get(random.nextInt(USER_FAULTS.size()));
    faults.merge("sandbox " + fault, 1, Integer::sum);
    return switch (fault) {
      case "registerFailures" -> new JsonObject().put(fault, 1);
      case "commissionFailures" -> new JsonObject().put(fault, 2);
      default -> new JsonObject().put(fault, true);
    };
  }

  /** One fault every few seconds until every job has ended. */
  private void inject(AtomicBoolean done, ChaosApi api, RestartablePostgres postgres, SandboxServer sandbox,
                      JsonHttp control) {
    while (!done.get()) {
      Chaos.pause(3_000 + random.nextInt(5_000));
      if (done.get()) return;
      int dice = random.nextInt(10);
      try {
        if (dice < 6) {
          AgentProcess victim = agents.remove(random.nextInt(agents.size()));
          victim.kill();
          count("agent JVM SIGKILLed");
          startAgent(api, sandbox);
        } else if (dice < 7 && faults.getOrDefault("PostgreSQL restarted", 0) < 3) {
          postgres.restart(1_000 + random.nextInt(2_000));
          count("PostgreSQL restarted");
        } else if (dice < 8 && faults.getOrDefault("API restarted", 0) < 3) {
          api.restart(1_000 + random.nextInt(3_000));
          count("API restarted");
        } else if (dice < 9) {
          control.put("/_sandbox/faults", new JsonObject().put("slowPagesMs", 12_000));
          Chaos.pause(4_000);
          control.put("/_sandbox/faults", new JsonObject().put("slowPagesMs", 0));
          count("sandbox slow pages (4 s)");
        }
      } catch (RuntimeException e) {
        System.out.println("chaos: a fault could not be injected: " + e);
      }
    }
  }

  private void count(String fault) {
    faults.merge(fault, 1, Integer::sum);
    System.out.printf("chaos: %s%n", fault);
  }

  private void startAgent(ChaosApi api, SandboxServer sandbox) {
    agents.add(AgentProcess.start(api.baseUrl(), sandbox.baseUrl() + "/", "chaos-agent-" + (++agentsStarted),
        AgentProcess.settings("AGENT_CONCURRENCY", "2", "AGENT_PAGE_TIMEOUT_SECONDS", "8")));
  }

  private static void awaitAllEnded(List<Advertiser> advertisers, ChaosApi api, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    List<Advertiser> open = new ArrayList<>(advertisers);
    while (!open.isEmpty() && Instant.now().isBefore(deadline)) {
      open.removeIf(a -> {
        try {
          return Advertiser.ENDED.contains(a.job(api.rest()).getString("state"));
        } catch (RuntimeException apiDown) {
          return false;
        }
      });
      System.out.printf("chaos: %d jobs still open%n", open.size());
      Chaos.pause(2_000);
    }
  }

  private void print(BatchOutcome o, int provisions, Duration took) {
    int injected = faults.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println();
    faults.forEach((fault, n) -> System.out.printf("  %-28s %d%n", fault, n));
    System.out.println();
    System.out.println("| faults injected | jobs | succeeded | failed | needs attention | tokens issued | tokens stored "
        + "| orphans listed | tokens lost | duplicates |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    System.out.printf("| %d | %d | %d | %d | %d | %d | %d | %d | %d | %d |%n", injected, provisions, o.count("succeeded"),
        o.count("failed"), o.count("needs_attention"), o.issued(), o.stored(), o.orphansListed(), o.lost(),
        o.duplicates());
    System.out.printf("%nstored tokens that work against the sandbox: %d of %d; took %d s%n", o.workingStored(),
        o.stored(), took.toSeconds());
  }
}
