package com.aap.api.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * A deadline for every request, from its headers to the end of its answer. A request still sending its
 * body at the deadline is answered 408 {@code request_timeout} (and its connection closed, see
 * {@link UnreadBodies}); one the server has not answered, 503 {@code timeout}; an answer already under way
 * is cut off. Responses that are meant to last, event streams, call {@link #lift}; a long-poll route asks
 * for more time with {@link #atLeast}.
 */
public final class RequestTimeout implements Handler<RoutingContext> {

  private static final String TIMER = "aap.requestTimer";

  private final long millis;

  public RequestTimeout(long millis) {
    this.millis = millis;
  }

  @Override
  public void handle(RoutingContext rc) {
    start(rc, millis);
    rc.next();
  }

  /** A handler for routes that wait by design (a claim's long-poll): their deadline is at least {@code millis}. */
  public Handler<RoutingContext> atLeast(long longerMillis) {
    return rc -> {
      if (longerMillis > millis) start(rc, longerMillis);
      rc.next();
    };
  }

  /** Lifts the request's deadline: for a response that lasts until it ends itself (an event stream). */
  public static void lift(RoutingContext rc) {
    Long timer = rc.get(TIMER);
    if (timer != null) rc.vertx().cancelTimer(timer);
  }

  private static void start(RoutingContext rc, long millis) {
    lift(rc);
    long timer = rc.vertx().setTimer(millis, id -> expire(rc));
    rc.put(TIMER, timer);
    rc.addBodyEndHandler(v -> rc.vertx().cancelTimer(timer));
  }

  private static void expire(RoutingContext rc) {
    if (rc.response().ended() || rc.response().closed()) return;
    if (rc.response().headWritten()) {
      rc.response().reset();
    } else if (!rc.request().isEnded()) {
      rc.fail(new ApiException(408, "request_timeout", "the request took too long to arrive"));
    } else {
      rc.fail(new ApiException(503, "timeout", "the request took too long to answer; try again"));
    }
  }
}
