package com.aap.api.web;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The specialists' page: static files from {@code webroot/} at {@code /}, with headers that keep it
 * from running anything but its own script and from being framed by another site.
 */
public final class Page {

  static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
      + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

  private Page() {
  }

  public static void mount(Router router) {
    Handler<RoutingContext> headers = rc -> {
      rc.response().putHeader("Content-Security-Policy", POLICY)
          .putHeader("X-Content-Type-Options", "nosniff")
          .putHeader("Referrer-Policy", "no-referrer")
          .putHeader("X-Frame-Options", "DENY");
      rc.next();
    };
    StaticHandler files = StaticHandler.create("webroot").setIndexPage("index.html").setCachingEnabled(false);
    // one regex route: an exact-path route would make StaticHandler treat the whole path as its mount point
    router.getWithRegex("/(index\\.html|app\\.js|app\\.css)?").handler(headers).handler(files);
  }
}
