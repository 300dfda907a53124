package com.aap.agent.api;

import com.aap.agent.portal.PortalCheckReport;
import com.aap.protocol.AgentProtocol;
import com.aap.protocol.ClaimedJob;
import com.aap.protocol.Refusal;
import com.aap.protocol.Step;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's side of the API's agent protocol (/agent/v1, docs/design.md). Blocking calls, made
 * from the worker threads that drive the browser. Request bodies are never logged: the claim answer
 * holds a CJ password, a one-time code's answer the code and the hand-over a token.
 *
 * <p>Given several API instances' URLs, it sends to one until it cannot connect to it, then to the next
 * (their queue is the same PostgreSQL). A request whose answer was lost is retried by its caller, as
 * with one instance.
 */
public final class ApiClient {

  /** The protocol's records as JSON: enums by their wire names, fields a newer API adds ignored. */
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING)
      .enable(DeserializationFeature.READ_ENUMS_USING_TO_STRING)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final Logger log = LoggerFactory.getLogger(ApiClient.class);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<URI> bases;
  private volatile int current;
  private final String agentKey;
  private final String agentId;
  private final String holder;

  /** A client claiming as {@code agentId}; the CJ logins it gets are held by {@code holder}, its agent. */
  public ApiClient(URI apiUrl, String agentKey, String agentId, String holder) {
    this(List.of(apiUrl), agentKey, agentId, holder);
  }

  /** The same, for several API instances, tried in turn. */
  public ApiClient(List<URI> apiUrls, String agentKey, String agentId, String holder) {
    this.bases = apiUrls.stream().map(url -> url.resolve(AgentProtocol.ROOT)).toList();
    this.agentKey = agentKey;
    this.agentId = agentId;
    this.holder = holder;
  }

  /**
   * Waits up to {@code waitSeconds} for jobs, preferring those of the CJ logins this claimant holds a
   * signed-in session for: up to {@code max} jobs of one CJ login, oldest first; empty when none came.
   */
  public List<ClaimedJob> claim(int waitSeconds, List<String> heldLogins, int max)
      throws IOException, InterruptedException {
    HttpResponse<String> response = post(AgentProtocol.CLAIM,
        new AgentProtocol.ClaimRequest(agentId, holder, waitSeconds, heldLogins, max),
        Duration.ofSeconds(waitSeconds + 15L));
    if (response.statusCode() == 204) {
      return List.of();
    }
    return JSON.readValue(response.body(), AgentProtocol.ClaimAnswer.class).jobs();
  }

  /** Takes the job's CJ login's sign-in slot; refused with {@link Refusal#SIGN_IN_BUSY} while another job signs in. */
  public void takeSignInSlot(String jobId, long lease) throws IOException, InterruptedException {
    post(AgentProtocol.signInSlot(jobId), new AgentProtocol.LeaseReport(lease), Duration.ofSeconds(15));
  }

  /** Reports progress under the job's lease. */
  public void step(String jobId, long lease, Step step) throws IOException, InterruptedException {
    post(AgentProtocol.steps(jobId), new AgentProtocol.StepReport(step, lease), Duration.ofSeconds(15));
  }

  /** The registering checkpoint, before Register is clicked: returns the name to register. */
  public String checkpoint(String jobId, long lease) throws IOException, InterruptedException {
    String answer = post(AgentProtocol.checkpoint(jobId), new AgentProtocol.LeaseReport(lease), Duration.ofSeconds(15)).body();
    return JSON.readValue(answer, AgentProtocol.CheckpointAnswer.class).tokenName();
  }

  /** A one-time code for the job's CJ login, made by the API (which keeps the TOTP secret). */
  public String oneTimeCode(String jobId, long lease) throws IOException, InterruptedException {
    String answer = post(AgentProtocol.oneTimeCode(jobId), new AgentProtocol.LeaseReport(lease), Duration.ofSeconds(15)).body();
    return JSON.readValue(answer, AgentProtocol.OneTimeCodeAnswer.class).code();
  }

  public void heartbeat(String jobId, long lease) throws IOException, InterruptedException {
    post(AgentProtocol.heartbeat(jobId), new AgentProtocol.LeaseReport(lease), Duration.ofSeconds(5));
  }

  /** Returns once the API has the token encrypted in its database. */
  public void handOver(String jobId, String token, String name) throws IOException, InterruptedException {
    post(AgentProtocol.token(jobId), new AgentProtocol.TokenHandover(token, name), Duration.ofSeconds(30));
  }

  public void fail(String jobId, AgentProtocol.FailureReport failure) throws IOException, InterruptedException {
    post(AgentProtocol.failure(jobId), failure, Duration.ofSeconds(30));
  }

  /**
   * Sign-in is stuck on a page a person may pass: the job waits for one, {@code reason}'s code and message saying
   * why. Returns how long it may wait, in seconds; refused with {@link Refusal#TAKE_OVER_OFF} when nobody may.
   */
  public int waitForPerson(String jobId, AgentProtocol.FailureReport reason) throws IOException, InterruptedException {
    String answer = post(AgentProtocol.waitForPerson(jobId), reason, Duration.ofSeconds(15)).body();
    return JSON.readValue(answer, AgentProtocol.WaitAnswer.class).waitSeconds();
  }

  /** The page the job waited on is passed: it runs again. */
  public void resume(String jobId, long lease) throws IOException, InterruptedException {
    post(AgentProtocol.resume(jobId), new AgentProtocol.LeaseReport(lease), Duration.ofSeconds(15));
  }

  /** Opens the job's live view, a WebSocket to the API (ws, or wss for an https API) under the agent's key. */
  public WebSocket openLive(String jobId, long lease, WebSocket.Listener listener) throws IOException {
    String url = bases.get(current).resolve(AgentProtocol.live(jobId) + "?lease=" + lease).toString().replaceFirst("^http", "ws");
    try {
      return http.newWebSocketBuilder().header("Authorization", "Bearer " + agentKey)
          .connectTimeout(Duration.ofSeconds(5)).buildAsync(URI.create(url), listener).get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot open the live view: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening the live view", e);
    }
  }

  /** Parses a JSON message of the live view. */
  public static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  /** A live view message as JSON text. */
  public static String json(Map<String, Object> message) {
    try {
      return JSON.writeValueAsString(message);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Posts a portal check's report under the job's lease; the API keeps it and ends the check. Returns
   * the job's state as the API answered it.
   */
  public String checkReport(String jobId, long lease, PortalCheckReport report)
      throws IOException, InterruptedException {
    List<Map<String, Object>> elements = new ArrayList<>();
    for (PortalCheckReport.Element e : report.elements()) {
      Map<String, Object> element = new LinkedHashMap<>();
      element.put("step", e.step());
      element.put("element", e.element());
      element.put("found", e.found());
      element.put("matched", e.matched());
      element.put("tried", e.tried() == null ? List.of() : e.tried());
      element.put("url", e.url());
      element.put("screenshot", e.screenshotPng());
      elements.add(element);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("lease", lease);
    body.put("ok", report.ok());
    body.put("failureCode", report.failureCode());
    body.put("failureMessage", report.failureMessage());
    body.put("elements", elements);
    String answer = post(AgentProtocol.checkReport(jobId), body, Duration.ofSeconds(60)).body();
    return JSON.readTree(answer).path("state").asText();
  }

  private HttpResponse<String> post(String path, Object body, Duration timeout)
      throws IOException, InterruptedException {
    for (int tried = 1; ; tried++) {
      int using = current;
      try {
        return post(bases.get(using), path, body, timeout);
      } catch (ConnectException | HttpConnectTimeoutException e) {
        if (tried >= bases.size()) throw e;
        current = (using + 1) % bases.size();
        log.warn("cannot connect to the API at {} ({}); using {}", bases.get(using), e.toString(), bases.get(current));
      }
    }
  }

  private HttpResponse<String> post(URI base, String path, Object body, Duration timeout)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Authorization", "Bearer " + agentKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 400) {
      throw new ApiRejected(path, response.statusCode(), errorCode(response.body()));
    }
    return response;
  }

  private static String errorCode(String body) {
    try {
      return JSON.readTree(body).path("error").path("code").asText("unknown");
    } catch (IOException e) {
      return "unreadable";
    }
  }

  /** The API answered with an error status; {@link #isServerError()} tells whether a retry may help. */
  public static final class ApiRejected extends IOException {
    private final int status;
    private final String code;

    ApiRejected(String path, int status, String code) {
      super("API answered " + status + " (" + code + ") to " + path);
      this.status = status;
      this.code = code;
    }

    public boolean isServerError() {
      return status >= 500;
    }

    public int status() {
      return status;
    }

    /** A 5xx, or a 429 (the API throttles an address that sent wrong agent keys): trying again later may help. */
    public boolean isRetryable() {
      return isServerError() || status == 429;
    }

    /** The job is no longer this agent's: cancelled, reclaimed, or ended. It must stop working on it. */
    public boolean isFencedOut() {
      return status == 409 && refusal() != null && refusal().fencesOut();
    }

    /** The 409 refusal this answer is, or null. */
    public Refusal refusal() {
      return status == 409 ? Refusal.find(code) : null;
    }

    public String code() {
      return code;
    }
  }
}
