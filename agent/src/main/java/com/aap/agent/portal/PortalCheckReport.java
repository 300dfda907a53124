package com.aap.agent.portal;

import java.util.List;

/**
 * What a portal check saw: for each element of the portal profile it looked for, in the order it walked
 * the portal, whether it was found and by which candidate. {@code ok} is true when every step up to
 * (and, with register, including) Register went through. A failure names its code and message as a
 * failed job would. Screenshots are masked base64 PNGs, one per step (may be null).
 */
public record PortalCheckReport(boolean ok, List<Element> elements, String failureCode, String failureMessage) {

  /**
   * One element: {@code step} is the flow step (signing_in, signed_in, company_selected, registering),
   * {@code element} the profile key (e.g. "emailBox", "registerButton"), {@code matched} the candidate
   * that found it as the profile writes it (null when missing), {@code tried} every candidate tried.
   */
  public record Element(String step, String element, boolean found, String matched, List<String> tried, String url,
                        String screenshotPng) {
  }
}
