package com.aap.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small JSON client for the tests; it keeps every response body so tests can scan them for secrets.
 * Calls to the API's /api routes present the stack's admin API key.
 */
public final class Http {

  public static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  static final List<Exchange> EXCHANGES = new CopyOnWriteArrayList<>();

  public record Reply(int status, JsonNode body) {
  }

  /** A reply that is not JSON (an image): its status, content type and bytes. */
  public record Bytes(int status, String contentType, byte[] body) {
  }

  /** A request's URL and the body that came back. */
  record Exchange(String url, String responseBody) {
  }

  private Http() {
  }

  public static Reply get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).GET());
  }

  /** A GET whose answer is kept as bytes, not parsed; /api calls present the admin API key as usual. */
  public static Bytes getBytes(String url) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    authorize(request);
    try {
      HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Bytes(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static Reply post(String url, Object body) {
    return postRaw(url, write(body));
  }

  static Reply postRaw(String url, String body) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public static Reply put(String url, Object body) {
    return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(write(body))));
  }

  private static Reply send(HttpRequest.Builder request) {
    authorize(request);
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      EXCHANGES.add(new Exchange(response.uri().toString(), response.body()));
      JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
      return new Reply(response.statusCode(), body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void authorize(HttpRequest.Builder request) {
    if (request.build().uri().getPath().startsWith("/api/")) {
      request.header("Authorization", "Bearer " + Stack.ADMIN_API_KEY);
    }
  }

  private static String write(Object body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
