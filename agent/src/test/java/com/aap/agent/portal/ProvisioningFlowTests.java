package com.aap.agent.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aap.agent.JobFailure;
import com.aap.agent.testing.RecordingReporter;
import com.aap.agent.testing.SandboxAndChromium;
import com.aap.protocol.CjLogin;
import com.aap.protocol.ClaimedJob;
import com.aap.protocol.FailureKind;
import com.aap.sandbox.AlertMode;
import com.aap.sandbox.accounts.Totp;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The browser flow alone, against the real sandbox server in a real Chromium, with the default portal
 * profile: the same tests on every sandbox skin ({@link ProvisioningFlowOnSkinATest}, {@link ProvisioningFlowOnSkinBTest}), and no
 * skin-specific code in the agent.
 */
abstract class ProvisioningFlowTests {

  /** The sandbox skin this class runs on. */
  abstract String skin();

  @RegisterExtension
  static final SandboxAndChromium env = new SandboxAndChromium();
  private static final Browser browser = env.browser();

  private BrowserContext context;
  private final RecordingReporter reporter = new RecordingReporter();

  @BeforeEach
  void newContext() throws Exception {
    control("PUT", "/_sandbox/config", Map.of("skin", skin()));
    context = browser.newContext();
    context.setDefaultTimeout(10_000);
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  @Test
  void signsInWithAOneTimeCodeWhenTheLoginHasATotpSecret() throws Exception {
    String secret = "JBSWY3DPEHPK3PXPJBSWY3DP";
    cid = String.valueOf(1_000_000 + (int) (Math.random() * 8_000_000));
    control("POST", "/_sandbox/companies", Map.of("cid", cid, "name", "Flow Co " + cid, "commissions", 5));
    String email = "totp-" + UUID.randomUUID().toString().substring(0, 8) + "@agency.example";
    control("POST", "/_sandbox/users", Map.of("email", email, "password", "pw-totp-1", "totpSecret", secret,
        "cids", List.of(cid)));
    ClaimedJob job = new ClaimedJob("job-1", "store-1", cid, "affiliate_advertiser_pro_app", 1, 1, 20,
        new CjLogin("login-" + email, email, "pw-totp-1", true));
    reporter.codes = () -> new Totp(Clock.systemUTC()).code(secret, Instant.now()); // the API's part, here

    new ProvisioningFlow(env.portalUrl()).run(job, context.newPage(), reporter);

    assertThat(reporter.tokens).containsExactly(issuedTokenOf(email));
    assertThat(reporter.codesGiven).as("one code, asked for when CJ showed its code box").isEqualTo(1);
  }

  @Test
  void aSecondFactorWithoutASecretNeedsAPerson() throws Exception {
    ClaimedJob job = jobFor(newUser("pw-2fa-1"), "pw-2fa-1");
    control("PUT", "/_sandbox/faults", Map.of("email", job.login().email(), "secondFactor", true));

    assertThatThrownBy(() -> new ProvisioningFlow(env.portalUrl()).run(job, context.newPage(), reporter))
        .isInstanceOfSatisfying(JobFailure.class, failure -> {
          assertThat(failure.code()).isEqualTo("cj_second_factor_required");
          assertThat(failure.kind()).isEqualTo(FailureKind.UNEXPECTED);
        });
  }

  @Test
  void aCaptchaNeedsAPerson() throws Exception {
    ClaimedJob job = jobFor(newUser("pw-captcha-1"), "pw-captcha-1");
    control("PUT", "/_sandbox/faults", Map.of("email", job.login().email(), "captcha", true));

    assertThatThrownBy(() -> new ProvisioningFlow(env.portalUrl()).run(job, context.newPage(), reporter))
        .isInstanceOfSatisfying(JobFailure.class, failure -> assertThat(failure.code()).isEqualTo("cj_captcha"));
  }

  @Test
  void aServerErrorOnRegisterIsTransient() throws Exception {
    ClaimedJob job = jobFor(newUser("pw-500-1"), "pw-500-1");
    control("PUT", "/_sandbox/faults", Map.of("email", job.login().email(), "registerFailures", 1));

    assertThatThrownBy(() -> new ProvisioningFlow(env.portalUrl()).run(job, context.newPage(), reporter))
        .isInstanceOfSatisfying(JobFailure.class, failure -> {
          assertThat(failure.code()).isEqualTo("cj_server_error");
          assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        });
    assertThat(reporter.tokens).isEmpty();
  }

  @Test
  void aChangedTokenFormIsAnUnexpectedPageThatNamesTheMissingElement() throws Exception {
    ClaimedJob job = jobFor(newUser("pw-layout-1"), "pw-layout-1");
    control("PUT", "/_sandbox/faults", Map.of("email", job.login().email(), "changedLayout", true));

    assertThatThrownBy(() -> new ProvisioningFlow(env.portalUrl()).run(job, context.newPage(), reporter))
        .isInstanceOfSatisfying(JobFailure.class, failure -> {
          assertThat(failure.code()).isEqualTo("unexpected_page");
          assertThat(failure.getMessage()).contains("Register button (profile element registerButton)")
              .contains("tried: role=button name=/");
        });
    assertThat(reporter.tokens).isEmpty();
  }

  @Test
  void aLoginWithSeveralCompaniesRegistersForTheStoresCompany() throws Exception {
    String email = newUser("pw-many-1");
    String first = cid;
    String second = String.valueOf(Integer.parseInt(first) + 1);
    control("POST", "/_sandbox/companies", Map.of("cid", second, "name", "Flow Co " + second, "commissions", 5));
    control("POST", "/_sandbox/users", Map.of("email", email, "password", "pw-many-1", "cids", List.of(first, second)));
    cid = second;

    new ProvisioningFlow(env.portalUrl()).run(jobFor(email, "pw-many-1"), context.newPage(), reporter);

    assertThat(control("GET", "/_sandbox/tokens?email=" + email, null).findValuesAsText("cid")).containsExactly(second);
  }

  @Test
  void capturesTheTokenFromANativeAlert() throws Exception {
    ClaimedJob job = jobFor(newUser("pw-alert-1"), "pw-alert-1");

    new ProvisioningFlow(env.portalUrl()).run(job, context.newPage(), reporter);

    assertThat(reporter.tokens).containsExactly(issuedTokenOf(job.login().email()));
    assertThat(reporter.steps).containsExactly("signing_in", "signed_in", "company_selected", "registering");
  }

  @Test
  void capturesTheTokenFromAnOnPageModal() throws Exception {
    control("PUT", "/_sandbox/config", Map.of("alertMode", AlertMode.MODAL.name().toLowerCase()));
    ClaimedJob job = jobFor(newUser("pw-modal-1"), "pw-modal-1");

    new ProvisioningFlow(env.portalUrl()).run(job, context.newPage(), reporter);

    assertThat(reporter.tokens).containsExactly(issuedTokenOf(job.login().email()));
  }

  @Test
  void registersUnderTheNameTheCheckpointReturns() throws Exception {
    ClaimedJob job = jobFor(newUser("pw-name-1"), "pw-name-1");
    reporter.nameFromApi = "affiliate_advertiser_pro_app_r2";

    new ProvisioningFlow(env.portalUrl()).run(job, context.newPage(), reporter);

    assertThat(reporter.names).containsExactly("affiliate_advertiser_pro_app_r2");
    assertThat(control("GET", "/_sandbox/tokens?email=" + job.login().email(), null).get(0).path("name").asText())
        .isEqualTo("affiliate_advertiser_pro_app_r2");
  }

  @Test
  void aRejectedPasswordIsAPermanentFailureWithItsCode() throws Exception {
    ClaimedJob job = jobFor(newUser("right-password"), "wrong-password");

    assertThatThrownBy(() -> new ProvisioningFlow(env.portalUrl()).run(job, context.newPage(), reporter))
        .isInstanceOfSatisfying(JobFailure.class, failure -> {
          assertThat(failure.code()).isEqualTo("cj_password_rejected");
          assertThat(failure.kind()).isEqualTo(FailureKind.PERMANENT);
          assertThat(failure.getMessage()).doesNotContain("wrong-password");
        });
    assertThat(reporter.tokens).isEmpty();
  }

  @Test
  void anUnreachablePortalIsATransientFailure() throws Exception {
    ClaimedJob job = jobFor(newUser("pw-down-1"), "pw-down-1");

    assertThatThrownBy(() -> new ProvisioningFlow("http://127.0.0.1:9/").run(job, context.newPage(), reporter))
        .isInstanceOfSatisfying(JobFailure.class, failure -> {
          assertThat(failure.code()).isEqualTo("cj_unreachable");
          assertThat(failure.kind()).isEqualTo(FailureKind.TRANSIENT);
        });
  }

  @Test
  void aSignedInSessionServesTheLoginsNextCompanyWithoutSigningInAgain() throws Exception {
    String email = newUser("pw-reuse-1");
    String firstCid = cid;
    String secondCid = String.valueOf(Integer.parseInt(firstCid) + 1);
    control("POST", "/_sandbox/companies", Map.of("cid", secondCid, "name", "Flow Co " + secondCid, "commissions", 5));
    control("POST", "/_sandbox/users", Map.of("email", email, "password", "pw-reuse-1", "cids", List.of(firstCid, secondCid)));
    Page page = context.newPage();
    ProvisioningFlow flow = new ProvisioningFlow(env.portalUrl());
    flow.run(jobFor(email, "pw-reuse-1"), page, reporter);
    List<String> visited = new ArrayList<>();
    page.onFrameNavigated(frame -> visited.add(frame.url()));

    cid = secondCid;
    flow.run(jobFor(email, "pw-reuse-1"), page, reporter);

    assertThat(visited).noneMatch(url -> url.contains("/u/") || url.contains("/auth/"));
    assertThat(control("GET", "/_sandbox/tokens?email=" + email, null).findValuesAsText("cid"))
        .containsExactly(firstCid, secondCid);
  }

  @Test
  void aSessionCjEndedIsSignedInAgainBeforeItIsUsed() throws Exception {
    String email = newUser("pw-expire-1");
    Page page = context.newPage();
    ProvisioningFlow flow = new ProvisioningFlow(env.portalUrl());
    flow.run(jobFor(email, "pw-expire-1"), page, reporter);
    context.clearCookies(); // as when CJ ends the session: the page still shows the form
    List<String> visited = new ArrayList<>();
    page.onFrameNavigated(frame -> visited.add(frame.url()));

    flow.run(jobFor(email, "pw-expire-1"), page, reporter);

    assertThat(visited).anyMatch(url -> url.contains("/u/") || url.contains("/auth/"));
    assertThat(reporter.tokens).hasSize(2);
  }

  private static String cid;

  private static String newUser(String password) throws Exception {
    cid = String.valueOf(1_000_000 + (int) (Math.random() * 8_000_000));
    control("POST", "/_sandbox/companies", Map.of("cid", cid, "name", "Flow Co " + cid, "commissions", 5));
    String email = "flow-" + UUID.randomUUID().toString().substring(0, 8) + "@agency.example";
    control("POST", "/_sandbox/users", Map.of("email", email, "password", password, "cids", List.of(cid)));
    return email;
  }

  private static ClaimedJob jobFor(String email, String password) {
    return new ClaimedJob("job-1", "store-1", cid, "affiliate_advertiser_pro_app", 1, 1, 20,
        new CjLogin("login-" + email, email, password, false));
  }

  private static String issuedTokenOf(String email) throws Exception {
    for (JsonNode token : control("GET", "/_sandbox/tokens", null)) {
      if (token.path("email").asText().equals(email)) {
        return token.path("token").asText();
      }
    }
    throw new AssertionError("the sandbox issued no token to " + email);
  }

  private static JsonNode control(String method, String path, Object body) throws Exception {
    return env.control(method, path, body);
  }
}
