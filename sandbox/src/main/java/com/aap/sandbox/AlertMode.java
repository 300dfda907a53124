package com.aap.sandbox;

import java.util.Locale;

/** How the token page shows a freshly registered token. JSON and environment values: "alert", "modal". */
public enum AlertMode {
  /** A native JavaScript {@code alert()}. */
  ALERT,
  /** An on-page {@code role=dialog}. */
  MODAL;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "alert" or "modal" (any case); anything else is an {@link IllegalArgumentException}. */
  public static AlertMode fromValue(String value) {
    if (value != null) {
      for (AlertMode mode : values()) {
        if (mode.value().equalsIgnoreCase(value.trim())) {
          return mode;
        }
      }
    }
    throw new IllegalArgumentException("expected \"alert\" or \"modal\", got \"" + value + "\"");
  }
}
