package com.aap.api.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Leaves every request's body unread until a route's body limit reads it, which the route table does
 * only after authentication: an anonymous upload is answered 401 without a byte of it buffered. Once a
 * request is answered with its body still (partly) unsent, what more of it arrives in the next
 * {@value #LINGER_MILLIS} ms is thrown away unread, so the client can finish sending and read the answer;
 * then an HTTP/1.1 connection is closed (the answer said {@code Connection: close}) and an HTTP/2 stream
 * is cancelled. A request without a body is let finish, so its connection can serve the next one.
 */
public final class UnreadBodies implements Handler<RoutingContext> {

  static final long LINGER_MILLIS = 2000;
  private static final long CANCEL = 8; // HTTP/2 error code

  @Override
  public void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    request.pause();
    boolean http2 = request.version() == HttpVersion.HTTP_2;
    if (!http2) {
      rc.addHeadersEndHandler(v -> {
        if (!request.isEnded() && hasBody(request)) rc.response().putHeader("Connection", "close");
      });
    }
    rc.addEndHandler(done -> {
      if (request.isEnded()) return;
      if (hasBody(request)) {
        long timer = rc.vertx().setTimer(LINGER_MILLIS, t -> stop(rc, http2));
        request.handler(discarded -> { }).endHandler(v -> {
          rc.vertx().cancelTimer(timer);
          if (!http2) request.connection().close();
        });
      }
      request.resume();
    });
    rc.next();
  }

  private static void stop(RoutingContext rc, boolean http2) {
    if (http2) {
      rc.response().reset(CANCEL);
    } else {
      rc.request().connection().close();
    }
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    return request.getHeader("Transfer-Encoding") != null || length != null && !length.trim().equals("0");
  }
}
