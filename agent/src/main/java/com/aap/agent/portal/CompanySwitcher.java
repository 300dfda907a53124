package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.aap.protocol.ErrorCode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The portal's company switcher, a native {@code <select>} or a custom combobox, listbox or menu. A
 * switch is confirmed by what the switcher then shows (the company id, or the chosen company's name),
 * or by the profile's {@code companyConfirmation} text when it names one; never by a fixed phrase.
 */
final class CompanySwitcher {

  /** The switcher as the page shows it: which company it shows, and for a select, every option. */
  record State(boolean shown, boolean select, String value, String text, List<String> optionValues,
               List<String> optionTexts) {
    static final State ABSENT = new State(false, false, "", "", List.of(), List.of());

    boolean shows(String cid) {
      return cid.equals(value) || mentions(text, cid);
    }

    /** The value of the select's option for {@code cid}: by value, or by the company id in its text. */
    String optionFor(String cid) {
      for (int i = 0; i < optionValues.size(); i++) {
        if (cid.equals(optionValues.get(i)) || mentions(optionTexts.get(i), cid)) {
          return optionValues.get(i);
        }
      }
      return null;
    }
  }

  private static final String READ = """
      els => els.slice(0, 1).map(el => {
        const text = s => (s || '').replace(/\\s+/g, ' ').trim();
        if (el.tagName === 'SELECT') {
          const chosen = el.options[el.selectedIndex];
          return { select: true, value: el.value, text: text(chosen && chosen.textContent),
                   values: [...el.options].map(o => o.value), texts: [...el.options].map(o => text(o.textContent)) };
        }
        const value = 'value' in el && typeof el.value === 'string' ? el.value : '';
        return { select: false, value: value, text: text(value || el.innerText || el.textContent),
                 values: [], texts: [] };
      })""";

  private final PageElements elements;
  private final Page page;
  /** The text of the company last chosen, to confirm by when the switcher shows names without ids. */
  private String chosenLabel;
  /** The page's reaction to the last choice, watched from just before it was made. */
  private SettlingPage settling;

  CompanySwitcher(PageElements elements) {
    this.elements = elements;
    this.page = elements.page();
  }

  /** The switcher as the page shows it now, in one round trip; ABSENT when none is visible. */
  State read() {
    try {
      Object raw = elements.locator(Element.COMPANY_SWITCHER).evaluateAll(READ);
      if (!(raw instanceof List<?> found) || found.isEmpty() || !(found.get(0) instanceof Map<?, ?> map)) {
        return State.ABSENT;
      }
      return new State(true, Boolean.TRUE.equals(map.get("select")), String.valueOf(map.get("value")),
          String.valueOf(map.get("text")), strings(map.get("values")), strings(map.get("texts")));
    } catch (RuntimeException navigating) {
      return State.ABSENT;
    }
  }

  /**
   * Picks the company in the switcher the page shows. A select without the company, or a list of
   * companies without it, means the login cannot act for it (permanent).
   */
  void choose(String cid, State state) throws JobFailure {
    closeSettling();
    settling = SettlingPage.watch(page);
    try {
      pick(cid, state);
    } catch (JobFailure | RuntimeException e) {
      closeSettling();
      throw e;
    }
  }

  private void pick(String cid, State state) throws JobFailure {
    Locator switcher = elements.locator(Element.COMPANY_SWITCHER);
    if (state.select()) {
      String value = state.optionFor(cid);
      if (value == null) {
        throw notAccessible(cid, state.optionTexts());
      }
      chosenLabel = label(state.optionTexts().get(state.optionValues().indexOf(value)), cid);
      switcher.selectOption(value);
      return;
    }
    switcher.click();
    Locator option = elements.locator(Element.COMPANY_OPTION, cid);
    try {
      option.waitFor(new Locator.WaitForOptions().setTimeout(Math.min(5_000, elements.patience().toMillis())));
    } catch (RuntimeException e) {
      List<String> offered = offered();
      if (!offered.isEmpty()) {
        throw notAccessible(cid, offered);
      }
      elements.notShown(Element.COMPANY_OPTION);
      throw elements.missing(Element.COMPANY_OPTION);
    }
    elements.seen(Element.COMPANY_OPTION);
    chosenLabel = label(option.innerText(), cid);
    option.click();
  }

  /**
   * Waits until the page shows the company as the active one and the token form is back; false when
   * the portal turned out to be signed out (the Log In button, or a sign-in page, came instead).
   */
  boolean confirm(String cid) throws JobFailure {
    Instant deadline = Instant.now().plus(elements.patience());
    try {
      if (settling != null) {
        awaitSettled(deadline);
      }
      while (Instant.now().isBefore(deadline)) {
        if (confirmed(cid) && elements.isVisible(Element.TOKEN_NAME_BOX)) {
          return true;
        }
        if (elements.isVisible(Element.LOG_IN_BUTTON) || elements.isVisible(Element.EMAIL_BOX)) {
          return false;
        }
        page.waitForTimeout(25);
      }
    } finally {
      closeSettling();
    }
    throw JobFailure.of(ErrorCode.UNEXPECTED_PAGE, "at step " + elements.step() + " the switch to company " + cid
        + " was not confirmed on " + elements.where() + ": the company switcher (tried: "
        + String.join(" | ", elements.tried(Element.COMPANY_SWITCHER)) + ") did not show it"
        + (elements.profile().candidates(Element.COMPANY_CONFIRMATION).isEmpty() ? ""
            : " and no companyConfirmation text (tried: " + String.join(" | ", elements.tried(Element.COMPANY_CONFIRMATION)) + ") appeared"));
  }

  /** Waits, on the page's own events and without a round trip, until it has taken the choice. */
  private void awaitSettled(Instant deadline) {
    long millis = Math.max(1, java.time.Duration.between(Instant.now(), deadline).toMillis());
    try {
      page.waitForCondition(settling::settled, new Page.WaitForConditionOptions().setTimeout(millis));
    } catch (com.microsoft.playwright.TimeoutError stillBusy) {
      // looked at as it is: the confirmation below says what is missing
    }
  }

  private void closeSettling() {
    if (settling != null) {
      settling.close();
      settling = null;
    }
  }

  private boolean confirmed(String cid) {
    if (!elements.profile().candidates(Element.COMPANY_CONFIRMATION).isEmpty()
        && PageElements.isVisible(elements.locator(Element.COMPANY_CONFIRMATION, cid))) {
      return true;
    }
    State state = read();
    return state.shown() && (state.shows(cid) || chosenLabel != null && state.text().contains(chosenLabel));
  }

  private List<String> offered() {
    try {
      return page.getByRole(AriaRole.OPTION).or(page.getByRole(AriaRole.MENUITEM))
          .or(page.getByRole(AriaRole.MENUITEMRADIO))
          .filter(new Locator.FilterOptions().setVisible(true)).allInnerTexts()
          .stream().map(String::strip).filter(t -> !t.isEmpty()).limit(50).toList();
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  private static JobFailure notAccessible(String cid, List<String> offered) {
    return JobFailure.of(ErrorCode.CJ_COMPANY_NOT_ACCESSIBLE,
        "this CJ login cannot act for company " + cid + "; it can for " + offered);
  }

  /**
   * What to confirm the switch by besides the company id: the option's whole text, when it does not
   * show the id (a switcher of names only); null when it does, so the id alone confirms.
   */
  private static String label(String text, String cid) {
    String whole = text.replaceAll("\\s+", " ").strip();
    return mentions(whole, cid) || whole.isEmpty() ? null : whole;
  }

  static boolean mentions(String text, String cid) {
    return text != null && Pattern.compile("(?<![0-9A-Za-z])" + Pattern.quote(cid) + "(?![0-9A-Za-z])").matcher(text).find();
  }

  private static List<String> strings(Object raw) {
    List<String> out = new ArrayList<>();
    if (raw instanceof List<?> list) {
      list.forEach(v -> out.add(String.valueOf(v)));
    }
    return out;
  }
}
