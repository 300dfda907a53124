package com.aap.sandbox;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running sandbox with its own Vert.x instance. {@link #start} and {@link #close} block. */
public final class SandboxServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SandboxServer.class);

  private final Vertx vertx;
  private final int port;
  private final SandboxState state;

  private SandboxServer(Vertx vertx, int port, SandboxState state) {
    this.vertx = vertx;
    this.port = port;
    this.state = state;
  }

  public static SandboxServer start(SandboxConfig config) {
    SandboxState state = SandboxState.create(config, Clock.systemUTC());
    if (config.demoData()) {
      state.seedDemoData();
    }
    Vertx vertx = Vertx.vertx();
    SandboxVerticle verticle = new SandboxVerticle(config, state);
    try {
      await(vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture());
    } catch (RuntimeException e) {
      await(vertx.close().toCompletionStage().toCompletableFuture());
      throw e;
    }
    SandboxServer server = new SandboxServer(vertx, verticle.actualPort(), state);
    LOG.info("CJ sandbox listening on {} (control API {}, alert mode {}, page limit {}, demo data {},"
            + " latency {} ms, API latency {} ms, sessions {} min, skin {})",
        server.baseUrl(), config.controlEnabled() ? "on" : "off", config.alertMode().value(),
        config.pageLimit(), config.demoData(), config.latencyMillis(), config.apiLatencyMillis(),
        config.sessionMinutes(), config.skin().value());
    return server;
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** The in-memory state, for tests and tools in the same JVM. */
  public SandboxState state() {
    return state;
  }

  @Override
  public void close() {
    await(vertx.close().toCompletionStage().toCompletableFuture());
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("sandbox failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("sandbox did not answer within 60 s", e);
    }
  }
}
