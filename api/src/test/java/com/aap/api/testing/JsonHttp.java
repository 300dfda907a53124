package com.aap.api.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A tiny blocking JSON client for tests: {@code bearer} is an API key or agent key (null: none); extra
 * headers (a session cookie, an anti-forgery token) come with {@link #withHeader}. In the API module's
 * tests (system property {@code aap.openapi.validate}) every answer from {@code /api}, {@code /agent/v1} or
 * {@code /metrics} is checked against the OpenAPI document, and one that breaks it fails the test at once.
 */
public final class JsonHttp {

  private static final boolean OPENAPI_CHECK = Boolean.getBoolean("aap.openapi.validate");

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Supplier<String> baseUrl;
  private final String bearer;
  private final Map<String, String> headers;

  public JsonHttp(String baseUrl, String bearer) {
    this(() -> baseUrl, bearer, Map.of());
  }

  /** A client whose server is looked up on every call: one that starts after the client is made, or restarts. */
  public JsonHttp(Supplier<String> baseUrl, String bearer) {
    this(baseUrl, bearer, Map.of());
  }

  private JsonHttp(Supplier<String> baseUrl, String bearer, Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.bearer = bearer;
    this.headers = headers;
  }

  public JsonHttp withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new JsonHttp(baseUrl, bearer, more);
  }

  public Response delete(String path) {
    return send("DELETE", path, null);
  }

  public Response get(String path) {
    return send("GET", path, null);
  }

  public Response post(String path, Object body) {
    return send("POST", path, body);
  }

  public Response put(String path, Object body) {
    return send("PUT", path, body);
  }

  /** Sends {@code body} as JSON: a String is sent as is (so tests can send broken JSON). */
  public Response send(String method, String path, Object body) {
    String text = body == null ? "" : body instanceof String s ? s : body instanceof JsonObject o ? o.encode()
        : ((JsonArray) body).encode();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl.get() + path))
        .timeout(Duration.ofSeconds(60))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
    if (bearer != null) request.header("Authorization", "Bearer " + bearer);
    headers.forEach(request::header);
    if (!headers.containsKey("Content-Type")) request.header("Content-Type", "application/json");
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (OPENAPI_CHECK && inContract(path)) {
        OpenApiResponses.shared().check(method, path, response.statusCode(),
            OpenApiResponses.firstValues(response.headers().map()), response.body());
      }
      return new Response(response.statusCode(), response.body(), response.headers().allValues("Set-Cookie"),
          response.headers().map());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean inContract(String path) {
    return path.startsWith("/api/") || path.startsWith("/agent/v1/") || path.startsWith("/metrics");
  }

  public record Response(int status, String body, java.util.List<String> setCookies,
                         Map<String, java.util.List<String>> headers) {
    public Response(int status, String body) {
      this(status, body, java.util.List.of(), Map.of());
    }

    /** The first value of a response header (any case), or null. */
    public String header(String name) {
      return headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase(name) && !h.getValue().isEmpty())
          .map(h -> h.getValue().get(0)).findFirst().orElse(null);
    }

    /** The value of the named cookie this response set, or null. */
    public String cookie(String name) {
      return setCookies.stream().filter(c -> c.startsWith(name + "=")).map(c -> c.substring(name.length() + 1).split(";")[0])
          .findFirst().orElse(null);
    }

    public JsonObject json() {
      return body == null || body.isBlank() ? null : new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }
  }
}
