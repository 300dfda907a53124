package com.aap.agent.portal;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Watches a page while it reacts to something the agent did (a company switch): the requests it makes,
 * and a page load it starts. A select shows the new company the moment it is chosen, before the portal
 * has taken the switch (and perhaps reloaded the page), so what the page shows only counts once it has
 * settled: no page load under way, no request under way (a page that keeps one open is let go after
 * {@value #BUSY_LIMIT_MILLIS} ms), and either a page load finished since (the new document shows what the
 * portal has taken) or no request for {@value #QUIET_MILLIS} ms (a page that reacts without a load).
 */
final class SettlingPage implements AutoCloseable {

  static final long QUIET_MILLIS = 60;
  static final long BUSY_LIMIT_MILLIS = 3_000;

  private final Page page;
  /** Requests under way; a page load forgets the old document's, whose ends the browser may never report. */
  private final Set<Request> inFlight = ConcurrentHashMap.newKeySet();
  private final long started = System.nanoTime();
  private volatile boolean loading;
  /** Whether a page load has finished since: the new document shows what the portal has taken. */
  private volatile boolean reloaded;
  private volatile long lastActivity = System.nanoTime();
  private final Consumer<Request> onRequest = request -> {
    if (request.isNavigationRequest() && request.frame().parentFrame() == null) {
      inFlight.clear();
      loading = true;
    }
    inFlight.add(request);
    lastActivity = System.nanoTime();
  };
  private final Consumer<Request> onRequestDone = request -> {
    inFlight.remove(request);
    lastActivity = System.nanoTime();
  };
  private final Consumer<Page> onLoaded = loaded -> {
    loading = false;
    reloaded = true;
    lastActivity = System.nanoTime();
  };

  private SettlingPage(Page page) {
    this.page = page;
    page.onRequest(onRequest);
    page.onRequestFinished(onRequestDone);
    page.onRequestFailed(onRequestDone);
    page.onDOMContentLoaded(onLoaded);
  }

  /** Starts watching; call before the action the page reacts to. */
  static SettlingPage watch(Page page) {
    return new SettlingPage(page);
  }

  boolean settled() {
    long now = System.nanoTime();
    boolean quiet = now - lastActivity >= QUIET_MILLIS * 1_000_000;
    boolean idle = inFlight.isEmpty() || now - started >= BUSY_LIMIT_MILLIS * 1_000_000;
    return !loading && idle && (quiet || reloaded);
  }

  @Override
  public void close() {
    page.offRequest(onRequest);
    page.offRequestFinished(onRequestDone);
    page.offRequestFailed(onRequestDone);
    page.offDOMContentLoaded(onLoaded);
  }
}
