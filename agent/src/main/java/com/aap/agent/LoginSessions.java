package com.aap.agent;

import com.aap.protocol.ClaimedJob;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A worker's signed-in CJ sessions: one browser context per CJ login, kept open between that login's
 * jobs so the agent signs in once and then only switches company. Signed-in state lives in these
 * contexts, in memory only, never on disk. The least recently used session is closed beyond
 * {@code capacity}; a session whose job failed is closed, since its page is in an unknown state.
 */
final class LoginSessions implements AutoCloseable {

  /**
   * Jobs one page serves before it is replaced by a new page in the same context (same cookies, so
   * still signed in). Chromium's renderer grows by a few MiB with every reload of a page Playwright
   * drives and gives little of it back; a fresh page every so often keeps it small, for the cost of
   * one more page load per this many jobs.
   */
  static final int JOBS_PER_PAGE = 20;

  /**
   * A login's context and the page its jobs run in, one after another. The page is opened when a job
   * needs it and closed when the worker turns to another login: a context without a page costs only
   * its cookies, while every open page holds a Chromium renderer.
   */
  static final class Session {
    private final BrowserContext context;
    private Page page;
    private int jobsOnPage;

    private Session(BrowserContext context) {
      this.context = context;
    }

    BrowserContext context() {
      return context;
    }

    /** The page for the next job: the same one as before, or a fresh one once it has served enough. */
    Page pageForJob() {
      if (page != null && (page.isClosed() || jobsOnPage >= JOBS_PER_PAGE)) {
        closePage();
      }
      if (page == null) {
        page = context.newPage();
      }
      jobsOnPage++;
      return page;
    }

    /** Lets the renderer go; the context stays signed in, and the next job opens a new page. */
    void closePage() {
      if (page != null && !page.isClosed()) {
        page.close();
      }
      page = null;
      jobsOnPage = 0;
    }
  }

  private final int capacity;
  private final Map<String, Session> byLogin = new LinkedHashMap<>(16, 0.75f, true);
  /** The session count, for the metrics thread: the map itself is the worker's alone. */
  private volatile int held;

  LoginSessions(int capacity) {
    this.capacity = capacity;
  }

  /** The login's session, opened in {@code browser} when there is none yet. */
  Session forJob(Browser browser, ClaimedJob job, Patience patience) {
    Session existing = byLogin.get(job.login().id());
    byLogin.values().stream().filter(other -> other != existing).forEach(Session::closePage);
    if (existing != null) {
      return existing;
    }
    BrowserContext context = browser.newContext();
    context.setDefaultTimeout(patience.page().toMillis());
    context.setDefaultNavigationTimeout(patience.page().toMillis() * 2);
    Session session = new Session(context);
    byLogin.put(job.login().id(), session);
    while (byLogin.size() > capacity) {
      String eldest = byLogin.keySet().iterator().next();
      byLogin.remove(eldest).context().close();
    }
    held = byLogin.size();
    return session;
  }

  void discard(ClaimedJob job) {
    Session session = byLogin.remove(job.login().id());
    held = byLogin.size();
    if (session != null) {
      session.context().close();
    }
  }

  /**
   * The logins this worker holds a session for, the one it used last first: the API sends their jobs
   * here first, in that order, so the worker stays with its current login (and its open page).
   */
  List<String> heldLogins() {
    List<String> held = new ArrayList<>(byLogin.keySet());
    Collections.reverse(held);
    return held;
  }

  /** Forgets every session, as when Chromium is restarted. */
  void clear() {
    byLogin.values().forEach(session -> {
      try {
        session.context().close();
      } catch (RuntimeException alreadyGone) {
        // the browser went away with it
      }
    });
    byLogin.clear();
    held = 0;
  }

  /** How many sessions are open; readable from any thread. */
  int size() {
    return held;
  }

  @Override
  public void close() {
    clear();
  }
}
