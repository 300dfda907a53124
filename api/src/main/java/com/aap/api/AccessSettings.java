package com.aap.api;

/** Who may call the REST API and the specialists' page (to be filled by sign-in and API keys). */
public record AccessSettings() {

  public static AccessSettings defaults() {
    return new AccessSettings();
  }

  static AccessSettings from(ConfigKeys keys) {
    return new AccessSettings();
  }

  void validate() {
  }

  @Override
  public String toString() {
    return "AccessSettings[]";
  }
}
