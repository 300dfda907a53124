package com.aap.agent.browser;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the chosen Chromium under Playwright, headless, with the flags our machines need (no background
 * calls to Google's services on a closed network): here, or on a Playwright server, which launches a
 * browser of its own for each connection. The agent passes {@code --no-sandbox} only when it runs as root,
 * where Chromium refuses to start with its sandbox, and the log says so; otherwise it sets Playwright's
 * {@code chromiumSandbox}, without which Playwright would add {@code --no-sandbox} itself (docs/design.md).
 */
public final class Browsers {

  private static final Logger log = LoggerFactory.getLogger(Browsers.class);
  static final List<String> FLAGS = List.of("--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage");
  static final String NO_SANDBOX = "--no-sandbox";
  private static final AtomicBoolean SAID = new AtomicBoolean();
  private static final ObjectMapper JSON = new ObjectMapper();

  private Browsers() {
  }

  /** A Playwright instance that never tries to download a browser of its own. */
  public static Playwright playwright() {
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "NODE_OPTIONS", "--max-old-space-size=64 --max-semi-space-size=2")));
  }

  /**
   * A browser for one worker: launched here, or by the Playwright server at {@link BrowserChoice#server()},
   * which takes the same launch options from a header (it honours the executable and the flags only when
   * started with {@code --unsafe}, see docs/design.md) and closes its browser when the agent disconnects.
   */
  public static Browser open(Playwright playwright, BrowserChoice choice) {
    if (!choice.remote()) {
      return launch(playwright, choice.executable());
    }
    return playwright.chromium().connect(choice.server().toString(), new BrowserType.ConnectOptions()
        .setHeaders(Map.of("x-playwright-launch-options", serverLaunchOptions(choice.executable()))));
  }

  /** The launch options, as a Playwright server reads them (JSON); its executable only when one was chosen. */
  static String serverLaunchOptions(Path executable) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("headless", true);
    if (executable != null) {
      options.put("executablePath", executable.toString());
    }
    options.put("args", FLAGS); // the server's own user is not ours: it decides on its sandbox itself
    try {
      return JSON.writeValueAsString(options);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Browser launch(Playwright playwright, Path chromium) {
    boolean root = runningAsRoot();
    if (SAID.compareAndSet(false, true)) {
      if (root) {
        log.warn("Chromium runs WITHOUT its sandbox ({}): the agent runs as root. Run it as another user "
            + "(the Dockerfile's agent image does) to keep the sandbox", NO_SANDBOX);
      } else {
        log.info("Chromium runs with its sandbox (the agent does not run as root)");
      }
    }
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(chromium)
        .setHeadless(true)
        .setChromiumSandbox(!root)
        .setArgs(flags(root)));
  }

  /** The flags for Chromium; {@code --no-sandbox} only for root, which Chromium's sandbox does not allow. */
  static List<String> flags(boolean runningAsRoot) {
    List<String> flags = new ArrayList<>();
    if (runningAsRoot) {
      flags.add(NO_SANDBOX);
    }
    flags.addAll(FLAGS);
    return flags;
  }

  /** The process's effective user is root: {@code /proc/self} belongs to it (else, on other systems, its name). */
  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
