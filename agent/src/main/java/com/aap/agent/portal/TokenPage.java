package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The developer portal's Personal Access Tokens page: reached through the left-hand menu, it offers a
 * Log In button when signed out, and a company switcher, a Token Name box and REGISTER when signed in.
 */
final class TokenPage {

  private static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(20);

  private final Page page;
  /** The company this page was seen acting for after a switch, so the switch is not checked twice. */
  private String actingConfirmed;
  /** Whether CJ's message came in an on-page dialog (which then needs closing) rather than an alert. */
  private boolean messageInDialog;

  TokenPage(Page page) {
    this.page = page;
  }

  /** Opens the portal and follows Authentication > Personal Access Tokens, as a person would. */
  void openFromMenu(String portalUrl) {
    page.navigate(portalUrl);
    Locator menu = page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Developer portal"));
    Locator tokensLink = menu.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Personal Access Token"));
    if (!tokensLink.isVisible()) {
      menu.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Authentication")).click();
    }
    tokensLink.click();
    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Personal Access Tokens")).waitFor();
  }

  /**
   * Opens the token page: through the menu the first time, straight by its address when the page, or
   * its browser context, has been to the portal before (a signed-in session's next job, or the fresh page
   * a session opens after its earlier one served its share of jobs).
   */
  void open(String portalUrl) {
    if (page.url().startsWith("about:") && page.context().cookies(portalUrl).isEmpty()) {
      openFromMenu(portalUrl);
      return;
    }
    page.navigate(URI.create(portalUrl).resolve("/account/personal-access-tokens").toString());
    page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Personal Access Tokens")).waitFor();
  }

  /**
   * Brings the token page up to date for a job and says whether CJ still has the session signed in.
   * A page still showing this login's form (a reused session) costs one page load: switching to the
   * job's company reloads the page anyway, and a page already on that company is reloaded, which asks CJ
   * whether the session is still alive. A new page is opened through the menu.
   */
  boolean openForCompany(String portalUrl, String cid) {
    Switcher switcher = page.url().startsWith("about:") ? Switcher.ABSENT : readSwitcher();
    if (!switcher.shown()) {
      open(portalUrl);
    } else if (switcher.offers(cid) && !switcher.isActive(cid)) {
      companySwitcher().selectOption(cid);
      actingAs(cid).or(logInButton()).first().waitFor();
      if (logInButton().isVisible()) {
        return false;
      }
      actingConfirmed = cid;
      return true;
    } else {
      page.reload();
    }
    return isSignedIn();
  }

  /** The company switcher as the page shows it, read in one call; ABSENT when the form is not there. */
  private Switcher readSwitcher() {
    Object state = page.evaluate("""
        () => {
          const box = [...document.querySelectorAll('label')].find(l => l.textContent.trim() === 'Company');
          const select = box && (box.control || document.getElementById(box.htmlFor));
          return select && select.options ? [select.value, ...[...select.options].map(o => o.value)] : null;
        }""");
    if (!(state instanceof List<?> values) || values.isEmpty()) {
      return Switcher.ABSENT;
    }
    List<String> all = values.stream().map(String::valueOf).toList();
    return new Switcher(true, all.get(0), all.subList(1, all.size()));
  }

  private record Switcher(boolean shown, String active, List<String> companies) {
    static final Switcher ABSENT = new Switcher(false, "", List.of());

    boolean offers(String cid) {
      return companies.contains(cid);
    }

    boolean isActive(String cid) {
      return cid.equals(active);
    }
  }

  /** Waits until the page shows either the form (true) or the Log In button (false). */
  boolean isSignedIn() {
    tokenNameBox().or(logInButton()).first().waitFor();
    return tokenNameBox().isVisible();
  }

  void startSignIn() {
    logInButton().click();
    page.waitForURL(url -> PortalUrls.isSignInPage(url));
  }

  void awaitForm() {
    tokenNameBox().waitFor();
  }

  /** Switches to the company unless it is already the active one. */
  void selectCompany(String cid) throws JobFailure {
    if (cid.equals(actingConfirmed)) {
      return;
    }
    List<String> cids = companies();
    if (!cids.contains(cid)) {
      throw JobFailure.permanent("cj_company_not_accessible",
          "this CJ login cannot act for company " + cid + "; it can for " + cids);
    }
    if (!cid.equals(companySwitcher().inputValue())) {
      companySwitcher().selectOption(cid);
      actingAs(cid).waitFor();
    }
    tokenNameBox().waitFor();
  }

  private Locator companySwitcher() {
    return page.getByLabel("Company", new Page.GetByLabelOptions().setExact(true));
  }

  @SuppressWarnings("unchecked")
  private List<String> companies() {
    return (List<String>) companySwitcher().evaluate("select => [...select.options].map(o => o.value)");
  }

  private Locator actingAs(String cid) {
    return page.getByText("(" + cid + ")").and(page.getByText("Acting as"));
  }

  /**
   * Registers a token and returns CJ's one-time message, whether CJ shows it in a native alert or in an
   * on-page dialog. A dialog is left open, so the token stays on screen until it is safe with the API.
   */
  String register(String tokenName) throws JobFailure {
    tokenNameBox().fill(tokenName);
    AtomicReference<String> alertText = new AtomicReference<>();
    Consumer<Dialog> onDialog = dialog -> {
      alertText.set(dialog.message());
      dialog.accept();
    };
    page.onDialog(onDialog);
    try {
      Response answer = page.waitForResponse(TokenPage::isRegistration, new Page.WaitForResponseOptions()
          .setTimeout(TOKEN_TIMEOUT.toMillis()), () -> registerButton().click());
      if (answer.status() >= 500) {
        throw JobFailure.transientFailure("cj_server_error", "CJ answered REGISTER with HTTP " + answer.status());
      }
      return awaitMessage(alertText);
    } catch (TimeoutError e) {
      if (!registerButton().isVisible()) {
        throw e; // no REGISTER to click: the flow tells a slow page from a changed one
      }
      throw JobFailure.unexpected("token_not_shown", "CJ did not answer REGISTER within "
          + TOKEN_TIMEOUT.toSeconds() + " s");
    } finally {
      page.offDialog(onDialog);
    }
  }

  private static boolean isRegistration(Response response) {
    return "POST".equals(response.request().method()) && response.url().contains("/personal-access-tokens");
  }

  /** Closes the on-page token dialog, if CJ showed one. */
  void closeTokenDialog() {
    if (messageInDialog && tokenDialog().isVisible()) {
      tokenDialog().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("OK")).click();
    }
  }

  /** CJ shows the message right after its answer: an alert (caught by the handler) or the dialog. */
  private String awaitMessage(AtomicReference<String> alertText) throws JobFailure {
    Instant deadline = Instant.now().plus(TOKEN_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (alertText.get() != null) {
        return alertText.get();
      }
      if (tokenDialog().isVisible()) {
        messageInDialog = true;
        return tokenDialog().innerText();
      }
      page.waitForTimeout(20);
    }
    throw JobFailure.unexpected("token_not_shown", "CJ showed no token within "
        + TOKEN_TIMEOUT.toSeconds() + " s of clicking REGISTER");
  }

  private Locator tokenDialog() {
    return page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Token registered"));
  }

  private Locator tokenNameBox() {
    return page.getByLabel("Token Name", new Page.GetByLabelOptions().setExact(true));
  }

  private Locator registerButton() {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("REGISTER").setExact(true));
  }

  private Locator logInButton() {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log In"));
  }
}
