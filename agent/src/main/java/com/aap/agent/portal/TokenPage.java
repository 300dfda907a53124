package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.aap.protocol.ErrorCode;
import com.microsoft.playwright.Page;
import java.util.List;
import java.util.Optional;

/**
 * The developer portal's Personal Access Token page, found by its address first and through the menu
 * only when the address does not lead there: signed out it offers a way to sign in (or the sign-in page
 * itself), signed in a company switcher, the Token Name box and Register.
 */
final class TokenPage {

  /** What the token page may show once it has loaded, in the order the agent acts on them. */
  private static final List<Element> LOADED = List.of(Element.TOKEN_NAME_BOX, Element.COOKIE_CONSENT,
      Element.NOT_FOUND, Element.LOG_IN_BUTTON, Element.EMAIL_BOX, Element.PASSWORD_BOX);

  private final PageElements elements;
  private final Page page;
  private final CompanySwitcher switcher;
  /** The company this page was seen acting for after a switch, so the switch is not checked twice. */
  private String actingConfirmed;

  TokenPage(PageElements elements) {
    this.elements = elements;
    this.page = elements.page();
    this.switcher = new CompanySwitcher(elements);
  }

  /**
   * Brings the token page up to date for a job and says whether CJ still has the session signed in.
   * A page still showing this login's form (a reused session) costs one page load: switching to the
   * job's company reloads it or re-renders it, and a page already on that company is reloaded, which
   * asks CJ whether the session is still alive. A new page goes to the token page's address.
   */
  boolean openForCompany(String cid) throws JobFailure {
    CompanySwitcher.State state = page.url().startsWith("about:") ? CompanySwitcher.State.ABSENT : switcher.read();
    if (!state.shown()) {
      open();
      return isSignedIn();
    }
    if (state.shows(cid)) {
      page.reload();
      return awaitLoaded() == Element.TOKEN_NAME_BOX;
    }
    try {
      switcher.choose(cid, state);
    } catch (JobFailure notHere) {
      page.reload(); // the switcher offered no such company: a reload tells a dead session from a real refusal
      return awaitLoaded() == Element.TOKEN_NAME_BOX;
    }
    if (!switcher.confirm(cid)) {
      return false;
    }
    actingConfirmed = cid;
    return true;
  }

  /** Goes to the token page by its address; through the portal's menu when the address shows no token page. */
  void open() throws JobFailure {
    page.navigate(elements.profile().tokenPageUrl());
    Element loaded = awaitLoaded();
    if (loaded == null || loaded == Element.NOT_FOUND) {
      openFromMenu();
    }
  }

  /** After sign-in, when CJ sent the browser back somewhere other than the token page. */
  void reopen() {
    try {
      open();
    } catch (JobFailure e) {
      // the sign-in loop looks at the page again and says what is missing
    }
  }

  private void openFromMenu() throws JobFailure {
    page.navigate(elements.profile().portalUrl().toString());
    Optional<Element> shown = elements.firstOf(List.of(Element.MENU_TOKEN_LINK, Element.MENU_AUTHENTICATION,
        Element.LOG_IN_BUTTON, Element.COOKIE_CONSENT), elements.patience());
    if (shown.isPresent() && shown.get() == Element.COOKIE_CONSENT) {
      elements.locator(Element.COOKIE_CONSENT).click();
      shown = elements.firstOf(List.of(Element.MENU_TOKEN_LINK, Element.MENU_AUTHENTICATION, Element.LOG_IN_BUTTON),
          elements.patience());
    }
    if (shown.isEmpty()) {
      elements.notShown(Element.MENU_TOKEN_LINK);
      throw JobFailure.of(ErrorCode.UNEXPECTED_PAGE, "at step " + elements.step() + " neither "
          + elements.profile().tokenPageUrl() + " nor the portal's menu led to the token page: tried "
          + String.join(" | ", elements.tried(Element.TOKEN_NAME_BOX)) + " for the Token Name box, "
          + String.join(" | ", elements.tried(Element.LOG_IN_BUTTON)) + " for a Log In button, "
          + String.join(" | ", elements.tried(Element.MENU_TOKEN_LINK)) + " for the menu link");
    }
    if (shown.get() == Element.LOG_IN_BUTTON) {
      return; // signed out and no menu: sign in first, then the address again
    }
    if (shown.get() == Element.MENU_AUTHENTICATION) {
      elements.seen(Element.MENU_AUTHENTICATION);
      elements.locator(Element.MENU_AUTHENTICATION).click();
    }
    elements.require(Element.MENU_TOKEN_LINK).click();
    awaitLoaded();
  }

  /** Waits for the page to settle on something the agent knows; a cookie banner on the way is accepted. */
  private Element awaitLoaded() {
    for (int banners = 0; banners < 3; banners++) {
      Optional<Element> shown = elements.firstOf(LOADED, elements.patience());
      if (shown.isEmpty()) {
        return null;
      }
      if (shown.get() != Element.COOKIE_CONSENT) {
        return shown.get();
      }
      elements.seen(Element.COOKIE_CONSENT);
      elements.locator(Element.COOKIE_CONSENT).click();
    }
    return null;
  }

  /** Whether the page shows the token form now (the session is signed in). */
  boolean isSignedIn() {
    return elements.isVisible(Element.TOKEN_NAME_BOX);
  }

  /** Switches to the company unless it is already the active one. */
  void selectCompany(String cid) throws JobFailure {
    if (cid == null || cid.isBlank() || cid.equals(actingConfirmed)) {
      return;
    }
    CompanySwitcher.State state = switcher.read();
    if (!state.shown()) {
      // a login with one company may have no switcher: CJ acts for that company
      elements.notShown(Element.COMPANY_SWITCHER);
      return;
    }
    elements.seen(Element.COMPANY_SWITCHER);
    if (!state.shows(cid)) {
      switcher.choose(cid, state);
      if (!switcher.confirm(cid)) {
        throw JobFailure.of(ErrorCode.CJ_SESSION_ENDED, "CJ ended the session while switching to company " + cid);
      }
    }
    actingConfirmed = cid;
    elements.require(Element.TOKEN_NAME_BOX);
  }
}
