package com.aap.stack.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Scrapes the API's {@code /metrics} and the running agent's every {@value #EVERY_SECONDS} s during the
 * benchmark, as Prometheus would (so the overhead of being scraped is in the figures), and writes to a file
 * the queue and job gauges of each scrape and, after each run, every {@code aap_} sample of both.
 */
final class MetricsScraper implements AutoCloseable {

  static final int EVERY_SECONDS = 5;
  /** The gauges followed scrape by scrape: the queue falling to 0, the jobs ending, the workers. */
  private static final List<String> FOLLOWED = List.of("aap_queue_depth", "aap_queue_oldest_age_seconds", "aap_jobs{",
      "aap_agent_workers_busy");

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String apiUrl;
  private volatile int agentPort;
  private final PrintWriter out;
  private final Thread thread;
  private volatile boolean running = true;

  MetricsScraper(Path file, String apiUrl) {
    this.apiUrl = apiUrl;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      this.out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread = new Thread(this::loop, "metrics-scraper");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (running) {
      String now = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
      String samples = (scrape(apiUrl) + scrape(agentUrl())).lines()
          .filter(line -> FOLLOWED.stream().anyMatch(line::startsWith)).collect(Collectors.joining("\n"));
      synchronized (this) {
        out.println("# " + now + "\n" + samples);
      }
      Machine.sleep(EVERY_SECONDS * 1000L);
    }
  }

  /** Every {@code aap_} sample of the API and the agent, under {@code title}. */
  synchronized void everything(String title) {
    out.println("# ---- after " + title);
    (scrape(apiUrl) + scrape(agentUrl())).lines().filter(line -> line.startsWith("aap_")).forEach(out::println);
  }

  /** The agent started last serves its metrics on {@code port}. */
  void agentPort(int port) {
    agentPort = port;
  }

  private String agentUrl() {
    return agentPort == 0 ? null : "http://localhost:" + agentPort;
  }

  private String scrape(String baseUrl) {
    if (baseUrl == null) return "";
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
          .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (IOException e) {
      return ""; // the agent between runs
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
    synchronized (this) {
      out.close();
    }
  }
}
