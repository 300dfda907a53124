package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.Step;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.WaitForSelectorState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The profile's elements on one page: each element's candidates joined into one locator that matches
 * whichever of them is visible first, so a wait costs one round trip however many candidates there are.
 * What was looked for, and found or not, goes to the {@link Trail}; a missing element becomes an
 * {@code unexpected_page} failure that names it and every candidate tried.
 */
final class PageElements {

  private static final Locator.FilterOptions VISIBLE = new Locator.FilterOptions().setVisible(true);

  private final Page page;
  private final PortalProfile profile;
  private final Duration patience;
  private Trail trail = Trail.NONE;
  private Step step = Step.SIGNING_IN;

  PageElements(Page page, PortalProfile profile, Duration patience) {
    this.page = page;
    this.profile = profile;
    this.patience = patience;
  }

  Page page() {
    return page;
  }

  PortalProfile profile() {
    return profile;
  }

  Duration patience() {
    return patience;
  }

  void trail(Trail trail) {
    this.trail = trail;
  }

  /** The flow's step, for the trail and for failure messages. */
  void step(Step step) {
    this.step = step;
  }

  Step step() {
    return step;
  }

  /** The first visible element that any of the element's candidates finds on the page. */
  Locator locator(Element element) {
    return within(page.locator(":root"), element, null);
  }

  /** The same, with {@code {cid}} in the candidates' patterns standing for {@code cid}. */
  Locator locator(Element element, String cid) {
    return within(page.locator(":root"), element, cid);
  }

  /** The element inside {@code scope}. */
  Locator within(Locator scope, Element element, String cid) {
    return anyOf(scope, element, cid).first();
  }

  /** Every visible element any candidate finds, not just the first. */
  Locator all(Element element) {
    return anyOf(page.locator(":root"), element, null);
  }

  /** The element's candidates joined into one locator of the visible elements any of them finds. */
  private Locator anyOf(Locator scope, Element element, String cid) {
    List<Candidate> candidates = profile.candidates(element);
    if (candidates.isEmpty()) {
      return scope.locator("css=[data-aap-no-candidates]");
    }
    Locator any = null;
    for (Candidate candidate : candidates) {
      Locator one = candidate.locate(scope, cid);
      any = any == null ? one : any.or(one);
    }
    return any.filter(VISIBLE);
  }

  boolean isVisible(Element element) {
    return isVisible(locator(element));
  }

  static boolean isVisible(Locator locator) {
    try {
      return locator.isVisible();
    } catch (PlaywrightException navigating) {
      return false; // the page went away under the query: not there (yet)
    }
  }

  /** Waits for the element; missing after the profile's patience is an {@code unexpected_page} failure. */
  Locator require(Element element) throws JobFailure {
    return require(element, null, patience);
  }

  Locator require(Element element, String cid, Duration timeout) throws JobFailure {
    Locator locator = locator(element, cid);
    try {
      locator.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE).setTimeout(timeout.toMillis()));
    } catch (TimeoutError e) {
      trail.missing(step.wire(), element, tried(element), page);
      throw missing(element);
    }
    trail.found(step.wire(), element, () -> matched(element, cid), page);
    return locator;
  }

  /** Records an element seen without waiting for it (already known visible). */
  void seen(Element element) {
    trail.found(step.wire(), element, () -> matched(element, null), page);
  }

  /** Records an element looked for and not shown, where that is not a failure (an optional step). */
  void notShown(Element element) {
    trail.missing(step.wire(), element, tried(element), page);
  }

  /**
   * Waits until one of {@code elements} is visible and returns the first of them (in the order given)
   * that is; empty when none came within {@code timeout}.
   */
  Optional<Element> firstOf(List<Element> elements, Duration timeout) {
    Locator any = null;
    for (Element element : elements) {
      Locator one = locator(element);
      any = any == null ? one : any.or(one);
    }
    try {
      any.first().waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.VISIBLE)
          .setTimeout(Math.max(1, timeout.toMillis())));
    } catch (TimeoutError e) {
      return Optional.empty();
    } catch (PlaywrightException navigating) {
      page.waitForTimeout(50);
    }
    for (Element element : elements) {
      if (isVisible(element)) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }

  /** The candidate that finds the element now, as the profile writes it; null when none does. */
  String matched(Element element, String cid) {
    for (Candidate candidate : profile.candidates(element)) {
      Locator one = candidate.locate(page.locator(":root"), cid).filter(VISIBLE).first();
      if (isVisible(one)) {
        return candidate.describe();
      }
    }
    return null;
  }

  List<String> tried(Element element) {
    return profile.described(element);
  }

  /** The failure for an element that is not on the page: what was looked for, how, and where. */
  JobFailure missing(Element element) {
    return JobFailure.of(ErrorCode.UNEXPECTED_PAGE, "at step " + step + " the page did not show the "
        + element.description() + " (profile element " + element.key() + ") on " + where() + "; tried: "
        + String.join(" | ", tried(element)));
  }

  /** The page's address without its query and fragment, which may carry state. */
  String where() {
    return withoutQuery(page.url());
  }

  static String withoutQuery(String url) {
    int cut = url.length();
    for (char c : new char[] {'?', '#'}) {
      int at = url.indexOf(c);
      if (at >= 0) {
        cut = Math.min(cut, at);
      }
    }
    return url.substring(0, cut);
  }

  static String describe(List<Element> elements) {
    return elements.stream().map(Element::key).collect(Collectors.joining(", "));
  }
}
