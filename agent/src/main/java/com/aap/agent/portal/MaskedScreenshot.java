package com.aap.agent.portal;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * A screenshot for a specialist, with every field that may show a secret painted over: password boxes,
 * one-time-code boxes and wherever a token may be shown (dialogs, alerts, toasts), as the fixed
 * selectors below and the portal profile find them. Native alerts are never captured: the flow accepts
 * them the moment they open, and a page with a pending dialog is not photographed at all. After the
 * registering checkpoint the page's text is checked free of the token and password first
 * ({@link #afterCheckpoint}).
 */
public final class MaskedScreenshot {

  static final int MAX_BYTES = 2 * 1024 * 1024;

  private MaskedScreenshot() {
  }

  /** A base64 PNG of the job's page, or null when there is no page or it cannot be taken safely. */
  public static String of(BrowserContext context) {
    return of(context, null);
  }

  /** The same, masking also what the profile calls password, code and token boxes. */
  public static String of(BrowserContext context, PortalProfile profile) {
    List<Page> pages = context.pages();
    if (pages.isEmpty()) return null;
    return of(pages.get(pages.size() - 1), profile);
  }

  /**
   * After the registering checkpoint a token may be on the page anywhere, not only where the masks go:
   * the page's text and the values of its fields are read first, and nothing is taken when they hold any
   * of {@code secrets} (the CJ password, a token read) or a token-shaped run (the profile's token pattern,
   * its minimum length or more, not part of {@code tokenName}). Null then, as when there is no page.
   */
  public static String afterCheckpoint(BrowserContext context, PortalProfile profile, String tokenName,
                                       Collection<String> secrets) {
    List<Page> pages = context.pages();
    if (pages.isEmpty()) return null;
    Page page = pages.get(pages.size() - 1);
    try {
      String text = page.locator("body").innerText(new Locator.InnerTextOptions().setTimeout(2_000)) + "\n"
          + page.evaluate("() => [...document.querySelectorAll('input, textarea')].map(e => e.value).join('\\n')");
      if (mayShowASecret(text, profile, tokenName, secrets)) return null;
    } catch (PlaywrightException e) {
      return null;
    }
    return of(page, profile);
  }

  static boolean mayShowASecret(String text, PortalProfile profile, String tokenName, Collection<String> secrets) {
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty() && text.contains(secret)) return true;
    }
    TokenText tokens = new TokenText(profile.tokenPattern(), profile.token().minLength());
    return tokens.all(text).stream().anyMatch(run -> !tokenName.contains(run));
  }

  static String of(Page page, PortalProfile profile) {
    try {
      byte[] png = page.screenshot(new Page.ScreenshotOptions().setTimeout(5_000).setMask(secrets(page, profile)));
      return png.length > MAX_BYTES ? null : Base64.getEncoder().encodeToString(png);
    } catch (PlaywrightException e) {
      return null;
    }
  }

  static List<Locator> secrets(Page page, PortalProfile profile) {
    List<Locator> masks = new ArrayList<>(List.of(
        page.locator("input[type=password]"),
        page.locator("input[autocomplete=one-time-code]"),
        page.locator("[role=dialog], [role=alertdialog], dialog, [role=alert], [role=status], [aria-live]")));
    if (profile != null) {
      for (Element element : List.of(Element.PASSWORD_BOX, Element.ONE_TIME_CODE_BOX, Element.TOKEN_SHOWN)) {
        for (Candidate candidate : profile.candidates(element)) {
          masks.add(candidate.locate(page.locator(":root"), null));
        }
      }
    }
    return masks;
  }
}
