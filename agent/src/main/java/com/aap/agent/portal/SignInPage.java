package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.aap.agent.api.CjLogin;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.Instant;

/** CJ's identifier-first sign-in: email, Continue, password, Continue, and a one-time code if asked. */
final class SignInPage {

  private static final Duration OUTCOME_TIMEOUT = Duration.ofSeconds(20);

  private final Page page;

  SignInPage(Page page) {
    this.page = page;
  }

  void signIn(CjLogin login) throws JobFailure {
    page.getByLabel("Email address").fill(login.email());
    continueButton().click();
    page.getByLabel("Password", new Page.GetByLabelOptions().setExact(true)).fill(login.password());
    continueButton().click();
    switch (awaitOutcome()) {
      case SIGNED_IN -> { }
      case REJECTED -> throw JobFailure.permanent("cj_password_rejected",
          "CJ rejected the password for " + login.email() + "; correct the CJ login before retrying");
      case CODE_ASKED -> enterOneTimeCode(login);
      case CAPTCHA -> throw JobFailure.unexpected("cj_captcha",
          "CJ showed a CAPTCHA when signing in " + login.email() + "; a person must sign in once, then retry");
    }
  }

  private void enterOneTimeCode(CjLogin login) throws JobFailure {
    if (!login.hasTotp()) {
      throw JobFailure.unexpected("cj_second_factor_required",
          "CJ asked " + login.email() + " for a one-time code, and the CJ login has no TOTP secret; add it, then retry");
    }
    oneTimeCodeBox().fill(OneTimeCode.fresh(login.totpSecret()));
    continueButton().click();
    if (awaitOutcome() != Outcome.SIGNED_IN) {
      throw JobFailure.permanent("cj_otp_rejected",
          "CJ rejected the one-time code for " + login.email() + "; check the login's TOTP secret");
    }
  }

  private enum Outcome { SIGNED_IN, REJECTED, CODE_ASKED, CAPTCHA }

  /** Polls for whichever comes first: back on the portal, an error on the page, or a code prompt. */
  private Outcome awaitOutcome() throws JobFailure {
    Instant deadline = Instant.now().plus(OUTCOME_TIMEOUT);
    Locator error = page.getByRole(AriaRole.ALERT);
    while (Instant.now().isBefore(deadline)) {
      if (!PortalUrls.isSignInPage(page.url())) {
        return Outcome.SIGNED_IN;
      }
      if (error.isVisible()) {
        return Outcome.REJECTED;
      }
      if (oneTimeCodeBox().isVisible()) {
        return Outcome.CODE_ASKED;
      }
      if (captcha().isVisible()) {
        return Outcome.CAPTCHA;
      }
      page.waitForTimeout(100);
    }
    throw JobFailure.unexpected("unexpected_page", "sign-in showed neither the portal, an error nor a code prompt");
  }

  /** CAPTCHA challenges name themselves to people (and screen readers): "I'm not a robot", "captcha". */
  private Locator captcha() {
    return page.getByText(java.util.regex.Pattern.compile("captcha|not a robot", java.util.regex.Pattern.CASE_INSENSITIVE))
        .first();
  }

  private Locator oneTimeCodeBox() {
    return page.getByLabel("Enter your one-time code");
  }

  private Locator continueButton() {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue").setExact(true));
  }
}
