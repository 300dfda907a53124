package com.aap.api.testing;

import com.aap.api.http.OpenApiDocument;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.OpenAPIVersion;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.SchemaValidationException;
import io.vertx.openapi.validation.ValidatableResponse;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Checks an API response against the OpenAPI document (api/src/main/resources/openapi.yaml) with
 * vertx-openapi: the operation found by method and path, the status (or the operation's {@code default}),
 * the documented headers, the Content-Type and, for JSON, the body's schema. {@link JsonHttp} runs it on
 * every response of the API module's tests (surefire sets {@code aap.openapi.validate}).
 *
 * <p>vertx-openapi validates bodies of JSON and plain text only and refuses a contract that names another
 * media type (a CSV upload, a PNG, an event stream), so it is given a copy of the document without those;
 * their Content-Type is still checked here against the full document.
 */
public final class OpenApiResponses {

  /** The media types vertx-openapi 5.0 accepts in a contract. */
  /** The media types whose bodies vertx-openapi checks (it takes no text body); the others are checked by type only. */
  private static final Set<String> VALIDATED_TYPES = Set.of("application/json");
  private static final int BODY_SHOWN = 600;
  private static OpenApiResponses shared;

  private final JsonObject document;
  private final OpenAPIContract contract;
  private final ResponseValidator validator;

  private OpenApiResponses(Vertx vertx, JsonObject document) {
    this.document = document;
    this.contract = await(OpenAPIContract.from(vertx, withValidatedTypesOnly(document.copy())));
    this.validator = ResponseValidator.create(vertx, contract);
  }

  /** One for the test JVM, on a Vert.x instance of its own (vertx-openapi validates on its worker threads). */
  public static synchronized OpenApiResponses shared() {
    if (shared == null) shared = new OpenApiResponses(Vertx.vertx(), OpenApiDocument.json());
    return shared;
  }

  /** The document checked against the OpenAPI 3.1 JSON Schema (2022-10-07) that vertx-openapi ships. */
  public static OutputUnit checkDocument(Vertx vertx, JsonObject document) {
    OpenAPIVersion version = OpenAPIVersion.fromContract(document);
    return await(version.getRepository(vertx, "app:///")
        .compose(repository -> version.validateContract(vertx, repository, document)));
  }

  /** Whether the response to {@code method path} is what the document says; throws AssertionError if not. */
  public void check(String method, String path, int status, Map<String, String> headers, String body) {
    String pathOnly = path.split("\\?", 2)[0];
    String what = method + " " + pathOnly + " -> " + status;
    Operation operation = contract.findOperation(pathOnly, HttpMethod.valueOf(method));
    if (operation == null) {
      // 404, 405 and 401 come for any path; whatever they are, they are in the one error shape
      if (status < 400) throw new AssertionError(what + ": no such operation in openapi.yaml");
      operation = contract.operation("health");
    }
    String contentType = mediaType(headers);
    JsonObject documented = documentedResponse(operation, status);
    if (documented == null) throw new AssertionError(what + ": status not in openapi.yaml");
    JsonObject content = documented.getJsonObject("content", new JsonObject());
    if (!body.isEmpty() && !content.containsKey(contentType)) {
      throw new AssertionError(what + ": Content-Type " + contentType + " is not one of " + content.fieldNames());
    }
    ValidatableResponse response = body.isEmpty() || !VALIDATED_TYPES.contains(contentType)
        ? ValidatableResponse.create(status, headers)
        : ValidatableResponse.create(status, headers, Buffer.buffer(body), contentType);
    try {
      await(validator.validate(response, operation.getOperationId()));
    } catch (RuntimeException e) {
      String reason = e instanceof SchemaValidationException s ? s.getMessage() + " " + s.getOutputUnit() : e.getMessage();
      throw new AssertionError(what + " (" + operation.getOperationId() + ") does not match openapi.yaml: " + reason
          + "\nbody: " + (body.length() > BODY_SHOWN ? body.substring(0, BODY_SHOWN) + "..." : body), e);
    }
  }

  /** The response object of the full document for this status, or the operation's default; $refs followed. */
  private JsonObject documentedResponse(Operation operation, int status) {
    JsonObject responses = document.getJsonObject("paths").getJsonObject(operation.getOpenAPIPath())
        .getJsonObject(operation.getHttpMethod().name().toLowerCase()).getJsonObject("responses");
    Object response = responses.getValue(String.valueOf(status), responses.getValue("default"));
    return response == null ? null : resolve((JsonObject) response);
  }

  private JsonObject resolve(JsonObject object) {
    String ref = object.getString("$ref");
    if (ref == null) return object;
    JsonObject target = document;
    for (String part : ref.substring(2).split("/")) target = target.getJsonObject(part);
    return resolve(target);
  }

  private static String mediaType(Map<String, String> headers) {
    String value = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
        .map(Map.Entry::getValue).findFirst().orElse("");
    return value.split(";", 2)[0].trim().toLowerCase();
  }

  /** Drops from every {@code content} map the media types vertx-openapi cannot take. */
  private static JsonObject withValidatedTypesOnly(JsonObject node) {
    for (String key : Set.copyOf(node.fieldNames())) {
      Object value = node.getValue(key);
      if (key.equals("content") && value instanceof JsonObject content) {
        content.fieldNames().removeIf(type -> !VALIDATED_TYPES.contains(type));
      } else if (value instanceof JsonObject child) {
        withValidatedTypesOnly(child);
      } else if (value instanceof JsonArray array) {
        array.forEach(item -> {
          if (item instanceof JsonObject child) withValidatedTypesOnly(child);
        });
      }
    }
    return node;
  }

  /** The first value of each header, as vertx-openapi takes them, found by name in any case. */
  public static Map<String, String> firstValues(Map<String, java.util.List<String>> headers) {
    Map<String, String> first = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> {
      if (!values.isEmpty()) first.put(name, values.get(0));
    });
    return first;
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("vertx-openapi did not answer in 30 s", e);
    }
  }
}
