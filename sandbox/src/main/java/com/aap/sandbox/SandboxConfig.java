package com.aap.sandbox;

import java.util.Objects;
import java.util.function.Function;

/**
 * Start-up configuration of the sandbox. Each key is read from the system property of the same name,
 * then the environment variable, then the default. Latency, session lifetime and skin can also change at
 * run time ({@link Settings}).
 */
public record SandboxConfig(int port, boolean controlEnabled, AlertMode alertMode, int pageLimit, boolean demoData,
                            int latencyMillis, int apiLatencyMillis, int sessionMinutes, Skin skin) {

  public static final int MAX_PAGE_LIMIT = 100_000;
  public static final int MAX_LATENCY_MILLIS = 10_000;
  public static final int MAX_SESSION_MINUTES = 7 * 24 * 60;

  public SandboxConfig {
    Objects.requireNonNull(alertMode, "alertMode");
    Objects.requireNonNull(skin, "skin");
    check("port", port, 0, 65_535);
    check("pageLimit", pageLimit, 1, MAX_PAGE_LIMIT);
    check("latencyMillis", latencyMillis, 0, MAX_LATENCY_MILLIS);
    check("apiLatencyMillis", apiLatencyMillis, 0, MAX_LATENCY_MILLIS);
    check("sessionMinutes", sessionMinutes, 1, MAX_SESSION_MINUTES);
  }

  public static SandboxConfig fromEnvironment() {
    return fromLookup(key -> {
      String value = System.getProperty(key);
      return value != null ? value : System.getenv(key);
    });
  }

  /**
   * Port 0, control API on, native alerts, CJ's page limit, no demo data, no latency, 60-minute sessions,
   * skin A.
   */
  public static SandboxConfig forTests() {
    return new SandboxConfig(0, true, AlertMode.ALERT, 10_000, false, 0, 0, 60, Skin.A);
  }

  static SandboxConfig fromLookup(Function<String, String> lookup) {
    ConfigKeys keys = new ConfigKeys(lookup);
    return new SandboxConfig(
        keys.intValue("SANDBOX_PORT", 8090, 0, 65_535),
        keys.booleanValue("SANDBOX_CONTROL_ENABLED", false),
        keys.alertMode("SANDBOX_ALERT_MODE", AlertMode.ALERT),
        keys.intValue("SANDBOX_PAGE_LIMIT", 10_000, 1, MAX_PAGE_LIMIT),
        keys.booleanValue("SANDBOX_DEMO_DATA", false),
        keys.intValue("SANDBOX_LATENCY_MS", 0, 0, MAX_LATENCY_MILLIS),
        keys.intValue("SANDBOX_API_LATENCY_MS", 0, 0, MAX_LATENCY_MILLIS),
        keys.intValue("SANDBOX_SESSION_MINUTES", 60, 1, MAX_SESSION_MINUTES),
        keys.skin("SANDBOX_SKIN", Skin.A));
  }

  public SandboxConfig withPort(int value) {
    return new SandboxConfig(value, controlEnabled, alertMode, pageLimit, demoData, latencyMillis, apiLatencyMillis,
        sessionMinutes, skin);
  }

  public SandboxConfig withControlEnabled(boolean value) {
    return new SandboxConfig(port, value, alertMode, pageLimit, demoData, latencyMillis, apiLatencyMillis,
        sessionMinutes, skin);
  }

  public SandboxConfig withAlertMode(AlertMode value) {
    return new SandboxConfig(port, controlEnabled, value, pageLimit, demoData, latencyMillis, apiLatencyMillis,
        sessionMinutes, skin);
  }

  public SandboxConfig withPageLimit(int value) {
    return new SandboxConfig(port, controlEnabled, alertMode, value, demoData, latencyMillis, apiLatencyMillis,
        sessionMinutes, skin);
  }

  public SandboxConfig withDemoData(boolean value) {
    return new SandboxConfig(port, controlEnabled, alertMode, pageLimit, value, latencyMillis, apiLatencyMillis,
        sessionMinutes, skin);
  }

  public SandboxConfig withLatencyMillis(int value) {
    return new SandboxConfig(port, controlEnabled, alertMode, pageLimit, demoData, value, apiLatencyMillis,
        sessionMinutes, skin);
  }

  public SandboxConfig withApiLatencyMillis(int value) {
    return new SandboxConfig(port, controlEnabled, alertMode, pageLimit, demoData, latencyMillis, value,
        sessionMinutes, skin);
  }

  public SandboxConfig withSessionMinutes(int value) {
    return new SandboxConfig(port, controlEnabled, alertMode, pageLimit, demoData, latencyMillis, apiLatencyMillis,
        value, skin);
  }

  public SandboxConfig withSkin(Skin value) {
    return new SandboxConfig(port, controlEnabled, alertMode, pageLimit, demoData, latencyMillis, apiLatencyMillis,
        sessionMinutes, value);
  }

  private static void check(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
    }
  }
}
