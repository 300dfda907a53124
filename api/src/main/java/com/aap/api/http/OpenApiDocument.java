package com.aap.api.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The API's OpenAPI 3.1 contract, {@code openapi.yaml} on the class path (YAML, so it can carry comments),
 * served as JSON at {@code GET /api/openapi.json}. It holds no secrets, so it needs no credentials.
 */
public final class OpenApiDocument {

  public static final String RESOURCE = "openapi.yaml";

  private static final String JSON = json().encode();

  private OpenApiDocument() {
  }

  /** The document, read from the class path. */
  public static JsonObject json() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is not on the class path");
      return new JsonObject(new ObjectMapper().writeValueAsString(new YAMLMapper().readTree(in)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  public static void serve(RoutingContext rc) {
    rc.response().putHeader("Content-Type", "application/json").putHeader("Cache-Control", "no-cache").end(JSON);
  }
}
