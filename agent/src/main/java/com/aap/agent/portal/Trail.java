package com.aap.agent.portal;

import com.microsoft.playwright.Page;
import java.util.List;
import java.util.function.Supplier;

/**
 * Where the page objects say what they looked for and whether they found it. Provisioning keeps no
 * trail ({@link #NONE}, free); a portal check keeps every entry, with the matching candidate and a
 * masked screenshot.
 */
interface Trail {

  Trail NONE = new Trail() {
    @Override
    public void found(String step, Element element, Supplier<String> matched, Page page) {
    }

    @Override
    public void missing(String step, Element element, List<String> tried, Page page) {
    }
  };

  /** {@code matched} is asked only by trails that report it: it costs a query per candidate. */
  void found(String step, Element element, Supplier<String> matched, Page page);

  void missing(String step, Element element, List<String> tried, Page page);
}
