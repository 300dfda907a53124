package com.aap.sandbox;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * Holds each answer back on a timer, never blocking the event loop: the Commission Detail API by
 * {@code apiLatencyMillis}; sign-in and portal pages by {@code latencyMillis} plus the slow-pages fault.
 * The control API is never delayed.
 */
final class Latency implements Handler<RoutingContext> {
  private final Vertx vertx;
  private final SandboxState state;

  Latency(Vertx vertx, SandboxState state) {
    this.vertx = vertx;
    this.state = state;
  }

  @Override
  public void handle(RoutingContext rc) {
    long millis = millisFor(rc.normalizedPath());
    if (millis <= 0) {
      rc.next();
    } else {
      vertx.setTimer(millis, t -> rc.next());
    }
  }

  private long millisFor(String path) {
    if (path.startsWith("/_sandbox/")) {
      return 0;
    }
    if (path.equals("/query")) {
      return state.settings().apiLatencyMillis();
    }
    int slowPages = state.faults().slowPagesMillis();
    if (slowPages > 0) {
      state.faults().countSlowPage();
    }
    return (long) state.settings().latencyMillis() + slowPages;
  }
}
