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
final class PendingNavigations {

  static final long SLOW_MILLIS = 3_000;

  private final Map<Request, Long> pending = new ConcurrentHashMap<>();
  private final Consumer<Request> started = r -> {
    if (r.isNavigationRequest()) pending.put(r, System.nanoTime());
  };
  private final Consumer<Request> ended = this::done;
  private volatile boolean slow;

  /** Watches the page for as long as it is open: a session's page serves many jobs. */
  static PendingNavigations watch(Page page) {
    PendingNavigations watch = new PendingNavigations();
    page.onRequest(watch.started);
    page.onRequestFinished(watch.ended);
    page.onRequestFailed(watch.ended);
    return watch;
  }

  /** Starts afresh for the page's next job: what an earlier job saw says nothing about this one. */
  PendingNavigations forNextJob() {
    pending.clear();
    slow = false;
    return this;
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
