package com.aap.agent.portal;

import java.util.Arrays;
import java.util.Optional;

/** The things the agent looks for on CJ's pages; each is a key under {@code elements:} in the portal profile. */
public enum Element {
  COOKIE_CONSENT("cookieConsent", "cookie-consent button"),
  LOG_IN_BUTTON("logInButton", "Log In button"),
  EMAIL_BOX("emailBox", "email box"),
  PASSWORD_BOX("passwordBox", "password box"),
  ONE_TIME_CODE_BOX("oneTimeCodeBox", "one-time-code box"),
  SIGN_IN_BUTTON("signInButton", "Continue / Sign in button"),
  SIGN_IN_ERROR("signInError", "sign-in error"),
  CAPTCHA("captcha", "CAPTCHA"),
  NOT_FOUND("notFound", "portal's not-found view"),
  MENU_AUTHENTICATION("menuAuthentication", "Authentication menu"),
  MENU_TOKEN_LINK("menuTokenLink", "Personal Access Token menu link"),
  TOKEN_PAGE_HEADING("tokenPageHeading", "token page heading"),
  COMPANY_SWITCHER("companySwitcher", "company switcher"),
  COMPANY_OPTION("companyOption", "company in the switcher"),
  COMPANY_CONFIRMATION("companyConfirmation", "company confirmation"),
  TOKEN_NAME_BOX("tokenNameBox", "Token Name box"),
  REGISTER_BUTTON("registerButton", "Register button"),
  TOKEN_SHOWN("tokenShown", "token message"),
  TOKEN_DIALOG_CLOSE("tokenDialogClose", "OK / close button of the token message");

  /** Elements a profile may leave without candidates. */
  static final java.util.Set<Element> OPTIONAL = java.util.EnumSet.of(COMPANY_CONFIRMATION, NOT_FOUND, COOKIE_CONSENT);

  private final String key;
  private final String description;

  Element(String key, String description) {
    this.key = key;
    this.description = description;
  }

  /** The key in the profile file. */
  public String key() {
    return key;
  }

  /** What a specialist calls it. */
  public String description() {
    return description;
  }

  static Optional<Element> byKey(String key) {
    return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
  }
}
