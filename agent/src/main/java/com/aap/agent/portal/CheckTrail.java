package com.aap.agent.portal;

import com.aap.agent.JobFailure;
import com.aap.protocol.Step;
import com.microsoft.playwright.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A portal check's trail: every element looked for, by step, found or not, with the candidate that
 * matched and a masked screenshot of the page at that moment.
 */
final class CheckTrail implements Trail {

  private final PortalProfile profile;
  private final Map<String, PortalCheckReport.Element> entries = new LinkedHashMap<>();
  private final List<String> requiredMissing = new ArrayList<>();

  CheckTrail(PortalProfile profile) {
    this.profile = profile;
  }

  @Override
  public void found(String step, Element element, Supplier<String> matched, Page page) {
    String key = step + "/" + element.key();
    PortalCheckReport.Element earlier = entries.get(key);
    if (earlier != null && earlier.found()) {
      return;
    }
    entries.put(key, new PortalCheckReport.Element(step, element.key(), true, matched.get(), tried(element), where(page),
        MaskedScreenshot.of(page, profile)));
  }

  @Override
  public void missing(String step, Element element, List<String> tried, Page page) {
    String key = step + "/" + element.key();
    if (entries.containsKey(key)) {
      return;
    }
    entries.put(key, new PortalCheckReport.Element(step, element.key(), false, null, tried, where(page),
        MaskedScreenshot.of(page, profile)));
  }

  /**
   * On the signed-in token page, without clicking anything: the heading, the Token Name box and
   * Register (both must be there), and the menu's way to the page (for the record).
   */
  void lookAtTheForm(PageElements elements) {
    elements.step(Step.COMPANY_SELECTED);
    for (Element element : List.of(Element.TOKEN_PAGE_HEADING, Element.TOKEN_NAME_BOX, Element.REGISTER_BUTTON,
        Element.MENU_AUTHENTICATION, Element.MENU_TOKEN_LINK)) {
      if (element == Element.MENU_TOKEN_LINK && !elements.isVisible(element)
          && elements.isVisible(Element.MENU_AUTHENTICATION)) {
        continue; // a collapsed menu hides its link: nothing is missing
      }
      if (elements.isVisible(element)) {
        elements.seen(element);
      } else {
        elements.notShown(element);
        if (element == Element.TOKEN_NAME_BOX || element == Element.REGISTER_BUTTON) {
          requiredMissing.add(element.description() + " (profile element " + element.key() + "; tried: "
              + String.join(" | ", elements.tried(element)) + ")");
        }
      }
    }
  }

  PortalCheckReport report(JobFailure failure) {
    List<PortalCheckReport.Element> list = List.copyOf(entries.values());
    if (failure != null) {
      return new PortalCheckReport(false, list, failure.code(), failure.getMessage());
    }
    if (!requiredMissing.isEmpty()) {
      return new PortalCheckReport(false, list, "unexpected_page",
          "the token page did not show the " + String.join(", nor the ", requiredMissing));
    }
    return new PortalCheckReport(true, list, null, null);
  }

  private List<String> tried(Element element) {
    return profile.described(element);
  }

  private static String where(Page page) {
    return PageElements.withoutQuery(page.url());
  }
}
