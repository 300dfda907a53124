package com.aap.sandbox;

import java.util.Objects;
import java.util.function.Function;

/**
 * Start-up configuration of the sandbox. Each key is read from the system property of the same name,
 * then the environment variable, then the default.
 */
public record SandboxConfig(int port, boolean controlEnabled, AlertMode alertMode, int pageLimit, boolean demoData) {

  public static final int MAX_PAGE_LIMIT = 100_000;

  public SandboxConfig {
    Objects.requireNonNull(alertMode, "alertMode");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (pageLimit < 1 || pageLimit > MAX_PAGE_LIMIT) {
      throw new IllegalArgumentException("pageLimit must be 1.." + MAX_PAGE_LIMIT + ", got " + pageLimit);
    }
  }

  public static SandboxConfig fromEnvironment() {
    return fromLookup(key -> {
      String value = System.getProperty(key);
      return value != null ? value : System.getenv(key);
    });
  }

  /** Port 0, control API on, native alerts, CJ's page limit, no demo data. */
  public static SandboxConfig forTests() {
    return new SandboxConfig(0, true, AlertMode.ALERT, 10_000, false);
  }

  static SandboxConfig fromLookup(Function<String, String> lookup) {
    ConfigKeys keys = new ConfigKeys(lookup);
    return new SandboxConfig(
        keys.intValue("SANDBOX_PORT", 8090, 0, 65_535),
        keys.booleanValue("SANDBOX_CONTROL_ENABLED", false),
        keys.alertMode("SANDBOX_ALERT_MODE", AlertMode.ALERT),
        keys.intValue("SANDBOX_PAGE_LIMIT", 10_000, 1, MAX_PAGE_LIMIT),
        keys.booleanValue("SANDBOX_DEMO_DATA", false));
  }

  public SandboxConfig withPort(int value) {
    return new SandboxConfig(value, controlEnabled, alertMode, pageLimit, demoData);
  }

  public SandboxConfig withControlEnabled(boolean value) {
    return new SandboxConfig(port, value, alertMode, pageLimit, demoData);
  }

  public SandboxConfig withAlertMode(AlertMode value) {
    return new SandboxConfig(port, controlEnabled, value, pageLimit, demoData);
  }

  public SandboxConfig withPageLimit(int value) {
    return new SandboxConfig(port, controlEnabled, alertMode, value, demoData);
  }

  public SandboxConfig withDemoData(boolean value) {
    return new SandboxConfig(port, controlEnabled, alertMode, pageLimit, value);
  }
}
