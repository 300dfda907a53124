package com.aap.agent.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One headless Chromium process shared by all of an agent's workers. Playwright for Java is not
 * thread-safe, so each worker thread owns a Playwright instance and connects to this browser over
 * the DevTools protocol; every job then gets its own browser context in the one Chromium.
 */
public final class Chromium implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Chromium.class);
  private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
  static final List<String> FLAGS = List.of(
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
      "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0");

  private final Process process;
  private final Path profileDir;
  private final String cdpUrl;

  private Chromium(Process process, Path profileDir, String cdpUrl) {
    this.process = process;
    this.profileDir = profileDir;
    this.cdpUrl = cdpUrl;
  }

  public static Chromium launch(Path executable) {
    Path profile = null;
    try {
      profile = Files.createTempDirectory("aap-chromium-");
      var command = new java.util.ArrayList<String>();
      command.add(executable.toString());
      command.addAll(FLAGS);
      command.add("--user-data-dir=" + profile);
      command.add("about:blank");
      Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      String url = readDevToolsUrl(process).get(30, TimeUnit.SECONDS);
      log.info("Chromium started (pid {})", process.pid());
      return new Chromium(process, profile, url);
    } catch (Exception e) {
      deleteQuietly(profile);
      throw new IllegalStateException("could not start Chromium at " + executable + ": " + e.getMessage(), e);
    }
  }

  /** Reads Chromium's stderr until it says where DevTools listens, then keeps draining it. */
  private static CompletableFuture<String> readDevToolsUrl(Process process) {
    var url = new CompletableFuture<String>();
    Thread reader = new Thread(() -> {
      try (var lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          Matcher m = DEVTOOLS_URL.matcher(line);
          if (m.find()) {
            url.complete(m.group(1));
          }
        }
        url.completeExceptionally(new IOException("Chromium exited with code " + process.waitFor()));
      } catch (IOException | InterruptedException e) {
        url.completeExceptionally(e);
      }
    }, "chromium-stderr");
    reader.setDaemon(true);
    reader.start();
    return url;
  }

  public String cdpUrl() {
    return cdpUrl;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteQuietly(profileDir);
  }

  private static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      log.debug("could not delete {}", dir);
    }
  }
}
