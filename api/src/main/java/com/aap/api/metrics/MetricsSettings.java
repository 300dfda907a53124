package com.aap.api.metrics;

import com.aap.api.ConfigKeys;

/**
 * {@code GET /metrics}: on unless {@code METRICS_ENABLED=false}; open to whoever reaches the port unless
 * {@code METRICS_TOKEN} is set, when a scraper must present {@code Authorization: Bearer TOKEN}. The
 * metrics hold no secret and no store or job id (docs/design.md, "Metrics"), so an open endpoint behind the
 * cluster's network is the usual set-up; the token is for an API reachable from further away.
 */
public record MetricsSettings(boolean enabled, String token) {

  /** As long as an agent key: a configured secret must not be easy to guess. */
  public static final int MIN_TOKEN_LENGTH = 32;

  public static MetricsSettings defaults() {
    return new MetricsSettings(true, null);
  }

  public static MetricsSettings from(ConfigKeys keys) {
    return new MetricsSettings(!"false".equalsIgnoreCase(keys.get("METRICS_ENABLED")), keys.get("METRICS_TOKEN"));
  }

  public MetricsSettings withEnabled(boolean value) {
    return new MetricsSettings(value, token);
  }

  public MetricsSettings withToken(String value) {
    return new MetricsSettings(enabled, value);
  }

  public void validate() {
    if (token != null && token.strip().length() < MIN_TOKEN_LENGTH) {
      throw ConfigKeys.bad("METRICS_TOKEN", "must have at least " + MIN_TOKEN_LENGTH + " characters (make one with: "
          + "openssl rand -base64 32)");
    }
  }

  /** Never prints the token. */
  @Override
  public String toString() {
    return "metrics=" + (enabled ? token == null ? "open" : "token" : "off");
  }
}
