package com.aap.agent.portal;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which page loads are still on their way. Playwright reports a slow server and a missing element alike
 * (a timeout); a navigation still pending, or one that took more than {@value #SLOW_MILLIS} ms, tells them apart.
 */
final class PendingNavigations {

  static final long SLOW_MILLIS = 3_000;

  private final Map<Request, Long> pending = new ConcurrentHashMap<>();
  private volatile boolean slow;

  static PendingNavigations watch(Page page) {
    PendingNavigations watch = new PendingNavigations();
    page.onRequest(r -> {
      if (r.isNavigationRequest()) watch.pending.put(r, System.nanoTime());
    });
    page.onRequestFinished(watch::done);
    page.onRequestFailed(watch::done);
    return watch;
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
