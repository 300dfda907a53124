package com.aap.agent.portal;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Which page loads are still on their way. Playwright reports a slow server and a missing element alike
 * (a timeout); a navigation still pending, or one that took more than {@value #SLOW_MILLIS} ms, tells them apart.
 */
final class PendingNavigations implements AutoCloseable {

  static final long SLOW_MILLIS = 3_000;

  private final Map<Request, Long> pending = new ConcurrentHashMap<>();
  private final Page page;
  private final Consumer<Request> started = r -> {
    if (r.isNavigationRequest()) pending.put(r, System.nanoTime());
  };
  private final Consumer<Request> ended = this::done;
  private volatile boolean slow;

  private PendingNavigations(Page page) {
    this.page = page;
  }

  /** Watches the page until closed: a session's page serves many jobs, each with its own watch. */
  static PendingNavigations watch(Page page) {
    PendingNavigations watch = new PendingNavigations(page);
    page.onRequest(watch.started);
    page.onRequestFinished(watch.ended);
    page.onRequestFailed(watch.ended);
    return watch;
  }

  @Override
  public void close() {
    page.offRequest(started);
    page.offRequestFinished(ended);
    page.offRequestFailed(ended);
  }

  private void done(Request request) {
    Long started = pending.remove(request);
    if (started != null && System.nanoTime() - started > SLOW_MILLIS * 1_000_000) slow = true;
  }

  boolean anyPending() {
    return !pending.isEmpty();
  }

  boolean anySlow() {
    return slow;
  }
}
