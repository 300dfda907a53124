package com.aap.api;

/**
 * Who may call the REST API and the specialists' page. {@code ADMIN_EMAIL}/{@code ADMIN_PASSWORD} create
 * (or reset) an admin account at start-up; {@code ADMIN_API_KEY} is an admin key for scripts that never
 * touches the database. Sessions end after {@code SESSION_IDLE_MINUTES} without use and at the latest
 * {@code SESSION_MAX_HOURS} after sign-in. {@link LimitSettings} bound what one caller can take.
 */
public record AccessSettings(String adminEmail, String adminPassword, String adminApiKey, int sessionIdleMinutes,
                             int sessionMaxHours, boolean secureCookies, LimitSettings limits) {

  public static final int MIN_PASSWORD_LENGTH = 12;
  public static final int MIN_API_KEY_LENGTH = 24;

  public static AccessSettings defaults() {
    return new AccessSettings(null, null, null, 30, 12, true, LimitSettings.defaults());
  }

  static AccessSettings from(ConfigKeys keys) {
    return new AccessSettings(keys.get("ADMIN_EMAIL"), keys.get("ADMIN_PASSWORD"), keys.get("ADMIN_API_KEY"),
        keys.integer("SESSION_IDLE_MINUTES", 30, 1, 24 * 60),
        keys.integer("SESSION_MAX_HOURS", 12, 1, 24 * 30),
        !"false".equalsIgnoreCase(keys.get("SESSION_COOKIE_SECURE")),
        LimitSettings.from(keys));
  }

  public AccessSettings withAdmin(String email, String password) {
    return new AccessSettings(email, password, adminApiKey, sessionIdleMinutes, sessionMaxHours, secureCookies, limits);
  }

  public AccessSettings withAdminApiKey(String key) {
    return new AccessSettings(adminEmail, adminPassword, key, sessionIdleMinutes, sessionMaxHours, secureCookies, limits);
  }

  public AccessSettings withSessionIdleMinutes(int minutes) {
    return new AccessSettings(adminEmail, adminPassword, adminApiKey, minutes, sessionMaxHours, secureCookies, limits);
  }

  public AccessSettings withLimits(LimitSettings value) {
    return new AccessSettings(adminEmail, adminPassword, adminApiKey, sessionIdleMinutes, sessionMaxHours, secureCookies,
        value);
  }

  void validate() {
    if ((adminEmail == null) != (adminPassword == null)) {
      throw ConfigKeys.bad(adminEmail == null ? "ADMIN_EMAIL" : "ADMIN_PASSWORD",
          "must be set together with " + (adminEmail == null ? "ADMIN_PASSWORD" : "ADMIN_EMAIL"));
    }
    if (adminEmail != null && !adminEmail.matches("[^@\\s]+@[^@\\s]+")) {
      throw ConfigKeys.bad("ADMIN_EMAIL", "must be an email address");
    }
    if (adminPassword != null && adminPassword.length() < MIN_PASSWORD_LENGTH) {
      throw ConfigKeys.bad("ADMIN_PASSWORD", "must be at least " + MIN_PASSWORD_LENGTH + " characters");
    }
    if (adminApiKey != null && adminApiKey.length() < MIN_API_KEY_LENGTH) {
      throw ConfigKeys.bad("ADMIN_API_KEY", "must be at least " + MIN_API_KEY_LENGTH + " characters");
    }
    if (sessionIdleMinutes < 1) throw ConfigKeys.bad("SESSION_IDLE_MINUTES", "must be at least 1");
    if (sessionMaxHours < 1) throw ConfigKeys.bad("SESSION_MAX_HOURS", "must be at least 1");
    limits.validate();
  }

  /** Never prints the password or the key. */
  @Override
  public String toString() {
    return "AccessSettings[admin=" + (adminEmail == null ? "none" : adminEmail) + ", adminApiKey="
        + (adminApiKey == null ? "unset" : "set") + ", sessionIdleMinutes=" + sessionIdleMinutes
        + ", sessionMaxHours=" + sessionMaxHours + ", secureCookies=" + secureCookies + ", " + limits + "]";
  }
}
