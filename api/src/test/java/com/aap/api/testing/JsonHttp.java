package com.aap.api.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A tiny blocking JSON client for tests. */
public final class JsonHttp {

  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String baseUrl;
  private final String bearer;

  public JsonHttp(String baseUrl, String bearer) {
    this.baseUrl = baseUrl;
    this.bearer = bearer;
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
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(text));
    if (bearer != null) request.header("Authorization", "Bearer " + bearer);
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public record Response(int status, String body) {
    public JsonObject json() {
      return body == null || body.isBlank() ? null : new JsonObject(body);
    }

    public JsonArray jsonArray() {
      return new JsonArray(body);
    }
  }
}
