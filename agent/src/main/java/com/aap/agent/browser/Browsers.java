package com.aap.agent.browser;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Starts the system's Chromium under Playwright, headless, with the flags our machines need (no
 * sandbox as root, no background calls to Google's services on a closed network).
 */
public final class Browsers {

  static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage");

  private Browsers() {
  }

  /** A Playwright instance that never tries to download a browser of its own. */
  public static Playwright playwright() {
    return Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1", "NODE_OPTIONS", "--max-old-space-size=64 --max-semi-space-size=2")));
  }

  public static Browser launch(Playwright playwright, Path chromium) {
    return playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(chromium)
        .setHeadless(true)
        .setArgs(FLAGS));
  }
}
