package com.aap.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Playwright server in a process of its own, as an operator runs one next to Debian's Chromium: the
 * Java driver bundle's {@code com.microsoft.playwright.CLI run-server}, started with {@code --unsafe} so it
 * launches the executable and flags the agent asks for (docs/design.md, "Remote browsers").
 */
final class PlaywrightServer implements AutoCloseable {

  private static final String LISTENING = "Listening on ";

  private final Process process;
  private final String wsEndpoint;

  private PlaywrightServer(Process process, String wsEndpoint) {
    this.process = process;
    this.wsEndpoint = wsEndpoint;
  }

  /** Starts a server on a free port of this machine and waits until it listens. */
  static PlaywrightServer start() {
    try {
      Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), "com.microsoft.playwright.CLI",
          "run-server", "--host", "127.0.0.1", "--port", "0", "--unsafe")
          .redirectErrorStream(true).start();
      return new PlaywrightServer(process, awaitListening(process));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a Playwright server", e);
    }
  }

  /** The endpoint run-server prints once it listens, e.g. {@code ws://127.0.0.1:40123/}. */
  private static String awaitListening(Process process) {
    CompletableFuture<String> endpoint = CompletableFuture.supplyAsync(() -> {
      try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith(LISTENING)) {
            String found = line.substring(LISTENING.length()).trim();
            CompletableFuture.runAsync(() -> out.lines().forEach(rest -> { })); // keep its pipe drained
            return found;
          }
        }
        throw new IllegalStateException("the Playwright server ended before it listened");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    try {
      return endpoint.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("the Playwright server did not start", e);
    }
  }

  String wsEndpoint() {
    return wsEndpoint;
  }

  /** How many Chromium browsers the server has launched and still runs (their main processes). */
  long browsersRunning() {
    return process.descendants()
        .filter(p -> p.info().commandLine().map(c -> c.contains("--remote-debugging-pipe")).orElse(false))
        .count();
  }

  /** Closes the server's stdin, on which it ends with its browsers, and waits for it. */
  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor();
      }
    } catch (IOException | InterruptedException e) {
      process.destroyForcibly();
    }
  }
}
