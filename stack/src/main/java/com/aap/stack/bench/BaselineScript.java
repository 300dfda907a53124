package com.aap.stack.bench;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The script a user would otherwise write: for each store, launch a browser, sign in, pick the
 * company, register the token, read it from the alert, close the browser; {@code parallelism} stores
 * at a time, each thread with its own Playwright, on the Chromium binary it is given.
 */
final class BaselineScript {

  private final String portalUrl;
  private final int parallelism;
  private final Path chromium;
  private final ThreadLocal<Playwright> playwright = new ThreadLocal<>();
  private final List<Playwright> all = Collections.synchronizedList(new ArrayList<>());

  BaselineScript(String portalUrl, int parallelism, Path chromium) {
    this.portalUrl = portalUrl;
    this.parallelism = parallelism;
    this.chromium = chromium;
  }

  Result run(List<BenchStack.Store> stores) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(parallelism);
    Map<String, Double> phases = Collections.synchronizedMap(new LinkedHashMap<>());
    double cpuBefore = Machine.busyCpuSeconds();
    Instant started = Instant.now();
    try (var memory = new Machine.PeakMemory(ProcessHandle.current().pid(), false)) {
      List<Future<Double>> timings = new ArrayList<>();
      for (BenchStack.Store store : stores) {
        timings.add(pool.submit(() -> provision(store, phases)));
      }
      List<Double> perStore = new ArrayList<>();
      for (Future<Double> timing : timings) {
        Double seconds = timing.get();
        if (seconds != null) {
          perStore.add(seconds);
        }
      }
      double wall = Duration.between(started, Instant.now()).toMillis() / 1000.0;
      double cpu = Machine.busyCpuSeconds() - cpuBefore;
      return new Result("baseline script", stores.size(), perStore.size(), wall,
          perStore.stream().mapToDouble(Double::doubleValue).toArray(), cpu, memory.peakBytes(), phases);
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
      all.forEach(Playwright::close); // each thread is done with its own by now
    }
  }

  /** One store, start to end; returns its seconds, or null if it failed. */
  private Double provision(BenchStack.Store store, Map<String, Double> phases) {
    long t0 = System.nanoTime();
    Browser browser = playwright().chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(chromium).setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run")));
    try {
      long t1 = lap(phases, "browser launch", t0);
      Page page = browser.newPage();
      page.navigate(portalUrl + "account/personal-access-tokens");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log In")).click();
      long t2 = lap(phases, "navigation", t1);
      page.getByLabel("Email address").fill(store.email());
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
      page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(store.password());
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
      page.getByLabel("Token Name").waitFor();
      long t3 = lap(phases, "sign-in", t2);
      page.getByLabel("Company", new Page.GetByLabelOptions().setExact(true)).selectOption(store.cid());
      page.getByText("(" + store.cid() + ")").and(page.getByText("Acting as")).waitFor();
      long t4 = lap(phases, "company switch", t3);
      AtomicReference<String> alert = new AtomicReference<>();
      page.onDialog(dialog -> {
        alert.set(dialog.message());
        dialog.accept();
      });
      page.getByLabel("Token Name").fill("affiliate_advertiser_pro_app");
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("REGISTER")).click();
      page.waitForCondition(() -> alert.get() != null);
      String token = alert.get().substring(alert.get().indexOf(':') + 1).trim();
      lap(phases, "register + capture", t4);
      return token.isEmpty() ? null : (System.nanoTime() - t0) / 1e9;
    } catch (RuntimeException e) {
      return null;
    } finally {
      browser.close();
    }
  }

  private Playwright playwright() {
    if (playwright.get() == null) {
      Playwright p = com.aap.agent.browser.Browsers.playwright();
      playwright.set(p);
      all.add(p);
    }
    return playwright.get();
  }

  private static long lap(Map<String, Double> phases, String phase, long since) {
    long now = System.nanoTime();
    phases.merge(phase, (now - since) / 1e9, Double::sum);
    return now;
  }
}
