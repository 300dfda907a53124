package com.aap.agent.api;

import com.aap.agent.portal.PortalCheckReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;

/**
 * The agent's side of the API's agent protocol (/agent/v1, docs/design.md). Blocking calls, made
 * from the worker threads that drive the browser. Request bodies are never logged: the claim answer
 * holds a CJ password and the hand-over a token.
 */
public final class ApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String agentKey;
  private final String agentId;
  private final String holder;

  /** A client claiming as {@code agentId}; the CJ logins it gets are held by {@code holder}, its agent. */
  public ApiClient(URI apiUrl, String agentKey, String agentId, String holder) {
    this.base = apiUrl.resolve("/agent/v1/");
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
    HttpResponse<String> response = post("jobs/claim",
        Map.of("agentId", agentId, "holder", holder, "waitSeconds", waitSeconds, "heldLogins", heldLogins,
            "max", max),
        Duration.ofSeconds(waitSeconds + 15L));
    if (response.statusCode() == 204) {
      return List.of();
    }
    List<ClaimedJob> jobs = new ArrayList<>();
    JSON.readTree(response.body()).path("jobs").forEach(job -> jobs.add(claimedJob(job)));
    return jobs;
  }

  private static ClaimedJob claimedJob(JsonNode job) {
    JsonNode login = job.path("login");
    return new ClaimedJob(job.path("jobId").asText(), job.path("storeId").asText(),
        job.path("cjCompanyId").asText(), job.path("tokenName").asText(), job.path("attempt").asInt(),
        job.path("lease").asLong(), job.path("leaseSeconds").asInt(20),
        new CjLogin(login.path("id").asText(), login.path("email").asText(), login.path("password").asText(),
            login.hasNonNull("totpSecret") ? login.get("totpSecret").asText() : null),
        job.path("kind").asText(ClaimedJob.PROVISION), job.path("register").asBoolean(false));
  }

  /** Reports a step under the job's lease; the answer to {@code registering} names the token to register. */
  public JsonNode step(String jobId, long lease, String name) throws IOException, InterruptedException {
    String body = post("jobs/" + jobId + "/steps", Map.<String, Object>of("name", name, "lease", lease), Duration.ofSeconds(15)).body();
    return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
  }

  public void heartbeat(String jobId, long lease) throws IOException, InterruptedException {
    post("jobs/" + jobId + "/heartbeat", Map.<String, Object>of("lease", lease), Duration.ofSeconds(5));
  }

  /** Returns once the API has the token encrypted in its database. */
  public void handOver(String jobId, String token, String name) throws IOException, InterruptedException {
    post("jobs/" + jobId + "/token", Map.<String, Object>of("token", token, "name", name), Duration.ofSeconds(30));
  }

  /** {@code screenshot} (base64 PNG, masked) may be null. */
  public void fail(String jobId, long lease, String code, String kind, String message, String step, String screenshot)
      throws IOException, InterruptedException {
    Map<String, Object> body = new java.util.HashMap<>(Map.<String, Object>of("code", code, "kind", kind, "message", message,
        "step", step == null ? "" : step, "lease", lease));
    if (screenshot != null) body.put("screenshot", screenshot);
    post("jobs/" + jobId + "/failure", body, Duration.ofSeconds(30));
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
    String answer = post("jobs/" + jobId + "/check-report", body, Duration.ofSeconds(60)).body();
    return JSON.readTree(answer).path("state").asText();
  }

  private HttpResponse<String> post(String path, Map<String, Object> body, Duration timeout)
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

    /** The job is no longer this agent's: cancelled, reclaimed, or ended. It must stop working on it. */
    public boolean isFencedOut() {
      return status == 409 && ("lease_lost".equals(code) || "job_not_running".equals(code)
          || "token_already_stored".equals(code));
    }

    public String code() {
      return code;
    }
  }
}
