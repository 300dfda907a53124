package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.aap.protocol.CjLogin;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.LiveMessages;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * CJ's sign-in, in whichever shape the hosted identity page takes: the email and the password on one
 * page or on two, buttons named Continue, Next, Log in or Sign in, and a one-time code when asked. It
 * looks at what the page shows, does the one thing that fits, and looks again, until the token page's
 * form is there. Credentials are typed only on the origins the profile allows.
 */
final class SignInPage {

  /** A whole sign-in: three pages and CJ's redirects back to the portal, each allowed the page patience. */
  private static final int MAX_PAGES = 6;
  /** What the agent looks for at each turn, in the order it acts on them. */
  private static final List<Element> WATCHED = List.of(Element.TOKEN_NAME_BOX, Element.COOKIE_CONSENT,
      Element.CAPTCHA, Element.SIGN_IN_ERROR, Element.ONE_TIME_CODE_BOX, Element.PASSWORD_BOX, Element.EMAIL_BOX,
      Element.LOG_IN_BUTTON, Element.NOT_FOUND, Element.TOKEN_PAGE_HEADING, Element.MENU_TOKEN_LINK,
      Element.MENU_AUTHENTICATION);
  /** Signs of a portal page that is not the token form: after sign-in, CJ sent the browser elsewhere. */
  private static final List<Element> ELSEWHERE_ON_THE_PORTAL = List.of(Element.NOT_FOUND, Element.TOKEN_PAGE_HEADING,
      Element.MENU_TOKEN_LINK, Element.MENU_AUTHENTICATION);
  /** How often the token page is opened again after sign-in landed elsewhere. */
  private static final int MAX_REOPENS = 3;

  private final PageElements elements;
  private final Page page;

  SignInPage(PageElements elements) {
    this.elements = elements;
    this.page = elements.page();
  }

  /**
   * Signs in from wherever sign-in starts (the portal's Log In, or a sign-in page) to the token page's form;
   * a one-time code, when CJ asks for one, comes from {@code codes}.
   */
  void signIn(CjLogin login, CodeSource codes, Runnable toTokenPage) throws JobFailure {
    Deadline deadline = new Deadline(elements.patience().multipliedBy(MAX_PAGES));
    boolean emailSent = false;
    boolean passwordSent = false;
    boolean codeSent = false;
    int logInClicks = 0;
    int portalVisits = 0;
    String lastUrl = "";
    while (true) {
      Optional<Element> shown = elements.firstOf(WATCHED, deadline.left(elements.patience()));
      if (shown.isEmpty() || ELSEWHERE_ON_THE_PORTAL.contains(shown.get())) {
        if (passwordSent && portalVisits < MAX_REOPENS) {
          portalVisits++;
          toTokenPage.run(); // signed in, and sent somewhere other than the token page
          continue;
        }
        if (shown.isEmpty()) {
          throw lost(emailSent, passwordSent);
        }
        deadline.check(this, emailSent, passwordSent);
        page.waitForTimeout(200); // a portal page still drawing its way in
        continue;
      }
      deadline.check(this, emailSent, passwordSent);
      switch (shown.get()) {
        case TOKEN_NAME_BOX -> {
          elements.seen(Element.TOKEN_NAME_BOX);
          return;
        }
        case COOKIE_CONSENT -> consent();
        case CAPTCHA -> throw JobFailure.of(ErrorCode.CJ_CAPTCHA, "CJ showed a CAPTCHA when signing in " + login.email()
            + " on " + elements.where() + " (profile element captcha: " + elements.matched(Element.CAPTCHA, null)
            + "); a person must pass it");
        case SIGN_IN_ERROR -> {
          if (!emailSent || !errorSaysSomething()) {
            fillFirstVisible(login, emailSent);
            emailSent = true;
          } else if (codeSent) {
            throw JobFailure.of(ErrorCode.CJ_OTP_REJECTED,
                "CJ rejected the one-time code for " + login.email() + "; check the login's TOTP secret");
          } else {
            throw JobFailure.of(ErrorCode.CJ_PASSWORD_REJECTED, "CJ rejected the password for " + login.email()
                + " (it said: " + errorText() + "); correct the CJ login before retrying");
          }
        }
        case ONE_TIME_CODE_BOX -> {
          if (codeSent && page.url().equals(lastUrl)) {
            page.waitForTimeout(100); // the code is on its way
            continue;
          }
          enterOneTimeCode(login, codes);
          codeSent = true;
        }
        case PASSWORD_BOX -> {
          if (passwordSent && page.url().equals(lastUrl)) {
            page.waitForTimeout(100);
            continue;
          }
          enterPassword(login);
          passwordSent = true;
          emailSent = true;
        }
        case EMAIL_BOX -> {
          if (emailSent && page.url().equals(lastUrl)) {
            page.waitForTimeout(100);
            continue;
          }
          enterEmail(login);
          emailSent = true;
        }
        case LOG_IN_BUTTON -> {
          if (passwordSent || ++logInClicks > 2) {
            throw JobFailure.of(ErrorCode.UNEXPECTED_PAGE, "at step " + elements.step() + " the portal still showed "
                + "its Log In button after signing in " + login.email() + " on " + elements.where());
          }
          elements.seen(Element.LOG_IN_BUTTON);
          elements.locator(Element.LOG_IN_BUTTON).click();
        }
        default -> throw new IllegalStateException("not watched: " + shown.get());
      }
      lastUrl = page.url();
      page.waitForTimeout(50);
    }
  }

  /**
   * Whether a person passed the page sign-in was stuck on, looking only at what the profile knows:
   * {@link LiveMessages#SIGNED_IN} when the token page's form shows, {@link LiveMessages#AGENT_CONTINUES}
   * when a step the agent can do itself shows (the email, the password, a one-time code it has the secret
   * for), null while neither does (or a CAPTCHA still does).
   */
  String passedBy(CjLogin login) {
    if (elements.isVisible(Element.TOKEN_NAME_BOX)) {
      return LiveMessages.SIGNED_IN;
    }
    if (elements.isVisible(Element.CAPTCHA)) {
      return null;
    }
    boolean knownStep = elements.isVisible(Element.PASSWORD_BOX) || elements.isVisible(Element.EMAIL_BOX)
        || login.hasTotp() && elements.isVisible(Element.ONE_TIME_CODE_BOX);
    return knownStep ? LiveMessages.AGENT_CONTINUES : null;
  }

  /**
   * A sign-in stopped by something a person can pass in the agent's browser: a CAPTCHA, a second factor the
   * agent has no secret for, a page the profile does not know. Never a refused password or a foreign origin.
   */
  static boolean aPersonCanPass(JobFailure failure) {
    return failure.errorCode() == ErrorCode.CJ_CAPTCHA || failure.errorCode() == ErrorCode.CJ_SECOND_FACTOR_REQUIRED
        || failure.errorCode() == ErrorCode.UNEXPECTED_PAGE;
  }

  private void fillFirstVisible(CjLogin login, boolean emailSent) throws JobFailure {
    // an error shown before anything was sent (a stale message, an empty role=alert): carry on signing in
    if (elements.isVisible(Element.PASSWORD_BOX)) {
      enterPassword(login);
    } else if (!emailSent && elements.isVisible(Element.EMAIL_BOX)) {
      enterEmail(login);
    } else {
      page.waitForTimeout(100);
    }
  }

  private boolean errorSaysSomething() {
    return !errorText().isBlank();
  }

  private String errorText() {
    try {
      String text = elements.locator(Element.SIGN_IN_ERROR).innerText(new Locator.InnerTextOptions().setTimeout(1_000));
      String line = text.strip().lines().findFirst().orElse("");
      return line.length() > 160 ? line.substring(0, 160) : line;
    } catch (RuntimeException e) {
      return "";
    }
  }

  private void consent() {
    elements.seen(Element.COOKIE_CONSENT);
    elements.locator(Element.COOKIE_CONSENT).click();
  }

  private void enterEmail(CjLogin login) throws JobFailure {
    allowedHere();
    elements.seen(Element.EMAIL_BOX);
    Locator box = elements.locator(Element.EMAIL_BOX);
    box.fill(login.email());
    if (elements.isVisible(Element.PASSWORD_BOX)) {
      enterPassword(login); // both on one form
      return;
    }
    submit(box);
  }

  private void enterPassword(CjLogin login) throws JobFailure {
    allowedHere();
    Locator email = elements.locator(Element.EMAIL_BOX);
    if (PageElements.isVisible(email) && email.isEditable() && email.inputValue().isBlank()) {
      email.fill(login.email());
    }
    elements.seen(Element.PASSWORD_BOX);
    Locator box = elements.locator(Element.PASSWORD_BOX);
    box.fill(login.password());
    submit(box);
  }

  private void enterOneTimeCode(CjLogin login, CodeSource codes) throws JobFailure {
    if (!login.hasTotp()) {
      throw JobFailure.of(ErrorCode.CJ_SECOND_FACTOR_REQUIRED,
          "CJ asked " + login.email() + " for a one-time code, and the CJ login has no TOTP secret; add it, then retry");
    }
    allowedHere(); // before a code is asked for: each one is a release of the login's second factor
    elements.seen(Element.ONE_TIME_CODE_BOX);
    Locator box = elements.locator(Element.ONE_TIME_CODE_BOX);
    box.fill(codes.oneTimeCode());
    submit(box);
  }

  /** Clicks the form's Continue / Sign in button; a form without one recognisable is sent with Enter. */
  private void submit(Locator box) {
    Locator inForm = elements.within(box.locator("xpath=ancestor::form[1]"), Element.SIGN_IN_BUTTON, null);
    Locator button = PageElements.isVisible(inForm) ? inForm : elements.locator(Element.SIGN_IN_BUTTON);
    if (PageElements.isVisible(button)) {
      elements.seen(Element.SIGN_IN_BUTTON);
      button.click();
    } else {
      elements.notShown(Element.SIGN_IN_BUTTON);
      box.press("Enter");
    }
  }

  /** Refuses, before anything is typed, a sign-in page on an origin the profile does not name. */
  private void allowedHere() throws JobFailure {
    String url = page.url();
    if (!elements.profile().allowsCredentialsAt(url)) {
      throw JobFailure.of(ErrorCode.SIGN_IN_ORIGIN_NOT_ALLOWED, "at step " + elements.step()
          + " CJ's sign-in page was on " + PortalProfile.origin(url) + ", which the portal profile does not list in "
          + "signIn.credentialOrigins " + elements.profile().credentialOrigins() + "; nothing was typed there");
    }
  }

  private JobFailure lost(boolean emailSent, boolean passwordSent) {
    String where = passwordSent ? "after the password was sent" : emailSent ? "after the email was sent" : "at sign-in";
    return JobFailure.of(ErrorCode.UNEXPECTED_PAGE, "at step " + elements.step() + " " + where + " the page on "
        + elements.where() + " showed none of: " + PageElements.describe(WATCHED) + " (tried: "
        + String.join(" | ", elements.tried(Element.EMAIL_BOX)) + " for the email box; "
        + String.join(" | ", elements.tried(Element.PASSWORD_BOX)) + " for the password box)");
  }

  /** The time one sign-in may take in all. */
  private static final class Deadline {
    private final Instant end;

    Deadline(Duration total) {
      end = Instant.now().plus(total);
    }

    Duration left(Duration atMost) {
      Duration left = Duration.between(Instant.now(), end);
      return left.compareTo(atMost) < 0 ? left : atMost;
    }

    void check(SignInPage signIn, boolean emailSent, boolean passwordSent) throws JobFailure {
      if (Instant.now().isAfter(end)) {
        throw JobFailure.of(ErrorCode.UNEXPECTED_PAGE, "at step " + signIn.elements.step()
            + " sign-in did not finish on " + signIn.elements.where() + " ("
            + (passwordSent ? "password sent" : emailSent ? "email sent" : "nothing sent") + ")");
      }
    }
  }
}
