package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.aap.protocol.ErrorCode;
import com.microsoft.playwright.Dialog;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Clicks Register and reads the token wherever the page shows it: a native alert, a dialog or alert
 * dialog of any title, a toast ({@code role=alert} or {@code status}), or text that appeared on the
 * page, including a read-only box to copy it from. Success is the token appearing, whatever request
 * the page made for it; a page request CJ answered with a 5xx is a server error (transient).
 */
final class TokenCapture {

  static final Duration TOKEN_TIMEOUT = Duration.ofSeconds(20);
  /** How long a 5xx answer waits for a token anyway before it is called a failure. */
  private static final Duration SERVER_ERROR_GRACE = Duration.ofMillis(750);
  /**
   * Looking for the token costs the page a query over its whole DOM, so it is done when the page has
   * changed since the last look (a mutation counter, one cheap round trip per poll), and at the latest
   * every {@value #LOOK_ANYWAY_EVERY} polls; a native alert costs no round trip and is looked for every poll.
   */
  private static final int LOOK_ANYWAY_EVERY = 25;
  /** The whole page's text is read every this many looks, and on every look at a new document. */
  private static final int PAGE_TEXT_EVERY = 4;

  private static final String PAGE_TEXT = """
      () => document.body.innerText + '\\n' + [...document.querySelectorAll('input, textarea')]
        .filter(e => e.type !== 'password' && e.type !== 'hidden').map(e => e.value).join('\\n')""";

  /** Counts the page's changes from now on, and returns its text as it is before Register. */
  private static final String WATCH_AND_READ = """
      () => {
        window.__aapChanges = 0;
        new MutationObserver(() => { window.__aapChanges++; }).observe(document.documentElement,
          { subtree: true, childList: true, characterData: true, attributes: true });
        return (%s)();
      }""".formatted(PAGE_TEXT);

  /** The change count; -1 on a new document (a page the form's POST brought), which is a change too. */
  private static final String CHANGES = "() => typeof window.__aapChanges === 'number' ? window.__aapChanges : -1";

  private final PageElements elements;
  private final Page page;
  private final TokenText tokens;
  /** Whether the token came in something on the page that needs closing, rather than a native alert. */
  private boolean onPage;

  TokenCapture(PageElements elements) {
    this.elements = elements;
    this.page = elements.page();
    PortalProfile profile = elements.profile();
    this.tokens = new TokenText(profile.tokenPattern(), profile.token().minLength());
  }

  /** Fills the name, clicks Register and returns the token CJ showed; the form was found before. */
  String register(String tokenName) throws JobFailure {
    Locator register = elements.locator(Element.REGISTER_BUTTON);
    elements.locator(Element.TOKEN_NAME_BOX).fill(tokenName);
    Set<String> before = tokens.all(watchAndRead());
    java.util.Queue<String> alerts = new java.util.concurrent.ConcurrentLinkedQueue<>();
    AtomicInteger serverError = new AtomicInteger();
    Consumer<Dialog> onDialog = dialog -> {
      alerts.add(dialog.message()); // a confirm() before the token is accepted too, and read like the rest
      dialog.accept();
    };
    Consumer<Response> onResponse = response -> {
      if (response.status() >= 500 && !"GET".equals(response.request().method())) {
        serverError.compareAndSet(0, response.status());
      }
    };
    page.onDialog(onDialog);
    page.onResponse(onResponse);
    try {
      register.click();
      return await(tokenName, before, alerts, serverError, register);
    } finally {
      page.offDialog(onDialog);
      page.offResponse(onResponse);
    }
  }

  private String await(String tokenName, Set<String> before, java.util.Queue<String> alerts,
                       AtomicInteger serverError, Locator register) throws JobFailure {
    Instant start = Instant.now();
    Instant deadline = start.plus(TOKEN_TIMEOUT);
    Locator shown = elements.all(Element.TOKEN_SHOWN);
    long lookedAt = 0;
    int looks = 0;
    for (int poll = 0; Instant.now().isBefore(deadline); poll++) {
      for (String alert = alerts.poll(); alert != null; alert = alerts.poll()) {
        Optional<String> token = tokens.find(tokenName, alert, before);
        if (token.isPresent()) {
          return token.get();
        }
      }
      long changes = changes();
      if (changes != lookedAt || poll % LOOK_ANYWAY_EVERY == LOOK_ANYWAY_EVERY - 1) {
        lookedAt = changes;
        Optional<String> token = inAny(tokenName, texts(shown), before);
        if (token.isEmpty() && (changes < 0 || ++looks % PAGE_TEXT_EVERY == 0)) {
          token = tokens.find(tokenName, pageText(), before);
        }
        if (token.isPresent()) {
          onPage = true;
          elements.seen(Element.TOKEN_SHOWN);
          return token.get();
        }
      }
      if (serverError.get() != 0 && Duration.between(start, Instant.now()).compareTo(SERVER_ERROR_GRACE) > 0) {
        throw JobFailure.of(ErrorCode.CJ_SERVER_ERROR, "CJ answered Register with HTTP " + serverError.get());
      }
      awaitAlertOr(alerts, poll < 40 ? 25 : 100);
    }
    elements.notShown(Element.TOKEN_SHOWN);
    if (!PageElements.isVisible(register)) {
      throw elements.missing(Element.REGISTER_BUTTON);
    }
    throw JobFailure.of(ErrorCode.TOKEN_NOT_SHOWN, "CJ showed no token within " + TOKEN_TIMEOUT.toSeconds()
        + " s of clicking Register (looked in: " + String.join(" | ", elements.tried(Element.TOKEN_SHOWN))
        + ", and the page's text)" + said());
  }

  /** Lets the page's events in (a native alert among them) for {@code millis}, or until an alert came. */
  private void awaitAlertOr(java.util.Queue<String> alerts, long millis) {
    long until = System.nanoTime() + millis * 1_000_000;
    page.waitForCondition(() -> !alerts.isEmpty() || System.nanoTime() >= until,
        new Page.WaitForConditionOptions().setTimeout(millis + 5_000));
  }

  /** Closes the dialog the token came in, if it came in one; a toast is left to go by itself. */
  void closeTokenMessage() {
    if (!onPage) {
      return;
    }
    try {
      Locator close = elements.locator(Element.TOKEN_DIALOG_CLOSE);
      if (PageElements.isVisible(close)) {
        close.click(new Locator.ClickOptions().setTimeout(2_000));
      }
    } catch (RuntimeException e) {
      // best effort: the next job reloads the page anyway
    }
  }

  private Optional<String> inAny(String tokenName, List<String> texts, Set<String> before) {
    for (String text : texts) {
      Optional<String> token = tokens.find(tokenName, text, before);
      if (token.isPresent()) {
        return token;
      }
    }
    return Optional.empty();
  }

  private static List<String> texts(Locator shown) {
    try {
      return shown.allInnerTexts();
    } catch (RuntimeException navigating) {
      return List.of();
    }
  }

  private String watchAndRead() {
    try {
      return String.valueOf(page.evaluate(WATCH_AND_READ));
    } catch (RuntimeException navigating) {
      return "";
    }
  }

  private long changes() {
    try {
      return ((Number) page.evaluate(CHANGES)).longValue();
    } catch (RuntimeException navigating) {
      return -2; // between two documents: look again next time
    }
  }

  private String pageText() {
    try {
      return String.valueOf(page.evaluate(PAGE_TEXT));
    } catch (RuntimeException navigating) {
      return "";
    }
  }

  /** What the form said, if it showed an error instead of a token (CJ's words; no token in them). */
  private String said() {
    try {
      Locator error = page.getByRole(com.microsoft.playwright.options.AriaRole.ALERT)
          .filter(new Locator.FilterOptions().setVisible(true)).first();
      if (error.isVisible()) {
        String text = error.innerText().strip();
        return "; the page said: " + (text.length() > 160 ? text.substring(0, 160) : text);
      }
    } catch (RuntimeException e) {
      // nothing to add
    }
    return "";
  }
}
