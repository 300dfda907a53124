package com.aap.agent;

import com.aap.agent.api.ClaimedJob;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
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

  /** A login's context and the one page its jobs run in, one after another. */
  record Session(BrowserContext context, Page page) {
  }

  private final int capacity;
  private final Map<String, Session> byLogin = new LinkedHashMap<>(16, 0.75f, true);

  LoginSessions(int capacity) {
    this.capacity = capacity;
  }

  /** The login's session, opened in {@code browser} when there is none yet. */
  Session forJob(Browser browser, ClaimedJob job, Patience patience) {
    Session session = byLogin.get(job.login().id());
    if (session != null && !session.page().isClosed()) {
      return session;
    }
    BrowserContext context = browser.newContext();
    context.setDefaultTimeout(patience.page().toMillis());
    context.setDefaultNavigationTimeout(patience.page().toMillis() * 2);
    session = new Session(context, context.newPage());
    byLogin.put(job.login().id(), session);
    while (byLogin.size() > capacity) {
      String eldest = byLogin.keySet().iterator().next();
      byLogin.remove(eldest).context().close();
    }
    return session;
  }

  void discard(ClaimedJob job) {
    Session session = byLogin.remove(job.login().id());
    if (session != null) {
      session.context().close();
    }
  }

  /** The logins this worker holds a session for, so the API sends their jobs here first. */
  List<String> heldLogins() {
    return List.copyOf(byLogin.keySet());
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
  }

  @Override
  public void close() {
    clear();
  }
}
