package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
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
    Locator switcher = page.getByLabel("Company", new Page.GetByLabelOptions().setExact(true));
    @SuppressWarnings("unchecked")
    List<String> cids = (List<String>) switcher.evaluate("select => [...select.options].map(o => o.value)");
    if (!cids.contains(cid)) {
      throw JobFailure.permanent("cj_company_not_accessible",
          "this CJ login cannot act for company " + cid + "; it can for " + cids);
    }
    if (!cid.equals(switcher.inputValue())) {
      switcher.selectOption(cid);
      page.getByText("(" + cid + ")").and(page.getByText("Acting as")).waitFor();
    }
    tokenNameBox().waitFor();
  }

  /**
   * Registers a token and returns CJ's one-time message, whether CJ shows it in a native alert or in an
   * on-page dialog. A dialog is left open, so the token stays on screen until it is safe with the API.
   */
  String register(String tokenName) throws JobFailure {
    tokenNameBox().fill(tokenName);
    AtomicReference<String> alertText = new AtomicReference<>();
    AtomicReference<Integer> registerStatus = new AtomicReference<>();
    Consumer<Dialog> onDialog = dialog -> {
      alertText.set(dialog.message());
      dialog.accept();
    };
    Consumer<Response> onResponse = response -> {
      if ("POST".equals(response.request().method()) && response.url().contains("/personal-access-tokens")) {
        registerStatus.set(response.status());
      }
    };
    page.onDialog(onDialog);
    page.onResponse(onResponse);
    try {
      page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("REGISTER").setExact(true)).click();
      return awaitMessage(alertText, registerStatus);
    } finally {
      page.offDialog(onDialog);
      page.offResponse(onResponse);
    }
  }

  /** Closes the on-page token dialog, if CJ showed one. */
  void closeTokenDialog() {
    if (tokenDialog().isVisible()) {
      tokenDialog().getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("OK")).click();
    }
  }

  private String awaitMessage(AtomicReference<String> alertText, AtomicReference<Integer> registerStatus)
      throws JobFailure {
    Instant deadline = Instant.now().plus(TOKEN_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (alertText.get() != null) {
        return alertText.get();
      }
      Integer status = registerStatus.get();
      if (status != null && status >= 500) {
        throw JobFailure.transientFailure("cj_server_error", "CJ answered REGISTER with HTTP " + status);
      }
      if (tokenDialog().isVisible()) {
        return tokenDialog().innerText();
      }
      page.waitForTimeout(50);
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

  private Locator logInButton() {
    return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log In"));
  }
}
