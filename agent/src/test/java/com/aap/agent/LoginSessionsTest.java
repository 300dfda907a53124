package com.aap.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.aap.agent.portal.ProvisioningFlow;
import com.aap.agent.testing.RecordingReporter;
import com.aap.agent.testing.SandboxAndChromium;
import com.aap.protocol.CjLogin;
import com.aap.protocol.ClaimedJob;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A worker's signed-in sessions across jobs: the real flow, in a real Chromium, against the real sandbox. */
class LoginSessionsTest {

  private static final AtomicInteger NEXT_CID = new AtomicInteger(2_000_000);
  private static final AtomicInteger NEXT_JOB = new AtomicInteger(1);

  @RegisterExtension
  static final SandboxAndChromium env = new SandboxAndChromium();
  private static final Browser browser = env.browser();

  private final RecordingReporter reporter = new RecordingReporter();
  private final PasswordCounter passwords = new PasswordCounter();
  private ProvisioningFlow flow;

  @BeforeEach
  void newFlow() {
    flow = new ProvisioningFlow(env.portalUrl());
  }

  @Test
  void pageRecycledAfterJobsPerPageStaysSignedIn() throws Exception {
    String firstCid = newCompany();
    String secondCid = newCompany();
    CjLogin login = newLogin(firstCid, secondCid);
    List<String> cids = new ArrayList<>();
    List<Page> pages = new ArrayList<>();

    try (LoginSessions sessions = new LoginSessions(2)) {
      for (int n = 0; n <= LoginSessions.JOBS_PER_PAGE; n++) {
        cids.add(n % 2 == 0 ? firstCid : secondCid);
        pages.add(run(sessions, jobFor(login, cids.get(n))).page());
      }

      Page firstPage = pages.get(0);
      Page lastPage = pages.get(LoginSessions.JOBS_PER_PAGE);
      assertThat(pages.subList(0, LoginSessions.JOBS_PER_PAGE)).allMatch(page -> page == firstPage);
      assertThat(lastPage).isNotSameAs(firstPage);
      assertThat(firstPage.isClosed()).as("first page closed").isTrue();
      assertThat(lastPage.isClosed()).as("last page closed").isFalse();
    }
    assertThat(reporter.signIns()).as("signing_in steps").isEqualTo(1);
    assertThat(passwords.sent()).as("passwords sent").isEqualTo(1);
    assertThat(reporter.tokens).hasSize(LoginSessions.JOBS_PER_PAGE + 1).doesNotHaveDuplicates()
        .allSatisfy(token -> assertThat(token).isNotBlank());
    JsonNode issued = control("GET", "/_sandbox/tokens?email=" + login.email(), null);
    assertThat(issued.findValuesAsText("token")).containsExactlyElementsOf(reporter.tokens);
    assertThat(issued.findValuesAsText("cid")).containsExactlyElementsOf(cids);
  }

  @Test
  void turningToAnotherLoginClosesTheFirstLoginsPageButKeepsItsSession() throws Exception {
    String cidA = newCompany();
    String cidB = newCompany();
    CjLogin loginA = newLogin(cidA);
    CjLogin loginB = newLogin(cidB);

    try (LoginSessions sessions = new LoginSessions(2)) {
      Ran firstForA = run(sessions, jobFor(loginA, cidA));
      Ran forB = run(sessions, jobFor(loginB, cidB));

      assertThat(firstForA.page().isClosed()).as("A's first page closed").isTrue();
      assertThat(firstForA.session().context().pages()).isEmpty();
      assertThat(forB.session().context().pages()).containsExactly(forB.page());

      Ran againForA = run(sessions, jobFor(loginA, cidA));

      assertThat(againForA.session()).isSameAs(firstForA.session());
      assertThat(againForA.page()).isNotSameAs(firstForA.page());
      assertThat(forB.session().context().pages()).isEmpty();
    }
    assertThat(reporter.signIns()).as("signing_in steps").isEqualTo(2);
    assertThat(passwords.sent()).as("passwords sent").isEqualTo(2);
    assertThat(reporter.tokens).hasSize(3).doesNotHaveDuplicates();
  }

  @Test
  void heldLoginsListsOnlyOpenSessionsUpToCapacity() throws Exception {
    List<CjLogin> logins = new ArrayList<>();
    List<Ran> runs = new ArrayList<>();

    try (LoginSessions sessions = new LoginSessions(2)) {
      for (int n = 0; n < 3; n++) {
        String cid = newCompany();
        logins.add(newLogin(cid));
        runs.add(run(sessions, jobFor(logins.get(n), cid)));
      }

      assertThat(sessions.heldLogins()).as("most recently used first").containsExactly(logins.get(2).id(), logins.get(1).id());
      assertThat(browser.contexts()).doesNotContain(runs.get(0).session().context())
          .contains(runs.get(1).session().context(), runs.get(2).session().context());
    }
    assertThat(reporter.tokens).hasSize(3);
  }

  /** A job as the worker runs it: the login's session, the page for the job, then the flow. */
  private Ran run(LoginSessions sessions, ClaimedJob job) throws JobFailure {
    LoginSessions.Session session = sessions.forJob(browser, job, Patience.defaults());
    passwords.watch(session.context());
    Page page = session.pageForJob();
    flow.run(job, page, reporter);
    return new Ran(session, page);
  }

  private record Ran(LoginSessions.Session session, Page page) {
  }

  private static String newCompany() throws Exception {
    String cid = String.valueOf(NEXT_CID.getAndIncrement());
    control("POST", "/_sandbox/companies", Map.of("cid", cid, "name", "Sessions Co " + cid, "commissions", 5));
    return cid;
  }

  private static CjLogin newLogin(String... cids) throws Exception {
    String email = "sessions-" + UUID.randomUUID().toString().substring(0, 8) + "@agency.example";
    String password = "pw-" + email;
    control("POST", "/_sandbox/users", Map.of("email", email, "password", password, "cids", List.of(cids)));
    return new CjLogin("login-" + email, email, password, false);
  }

  private static ClaimedJob jobFor(CjLogin login, String cid) {
    return new ClaimedJob("job-" + NEXT_JOB.getAndIncrement(), "store-" + cid, cid, "affiliate_advertiser_pro_app",
        1, 1, 20, login);
  }

  private static JsonNode control(String method, String path, Object body) throws Exception {
    return env.control(method, path, body);
  }

  /** Passwords the browser posted to the sign-in page: one per real sign-in, whatever the flow reports. */
  private static final class PasswordCounter {
    private final Set<BrowserContext> watched = Collections.newSetFromMap(new IdentityHashMap<>());
    private int sent;

    void watch(BrowserContext context) {
      if (watched.add(context)) {
        context.onRequest(request -> {
          if ("POST".equals(request.method()) && URI.create(request.url()).getPath().equals("/u/login/password")) {
            sent++;
          }
        });
      }
    }

    int sent() {
      return sent;
    }
  }
}
