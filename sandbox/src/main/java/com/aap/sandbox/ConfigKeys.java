package com.aap.sandbox;

import java.util.function.Function;

/** Reads typed values by key; a bad value is an {@link IllegalArgumentException} naming the key. */
final class ConfigKeys {
  private final Function<String, String> lookup;

  ConfigKeys(Function<String, String> lookup) {
    this.lookup = lookup;
  }

  int intValue(String key, int defaultValue, int min, int max) {
    String raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(key, raw, "an integer in " + min + ".." + max);
  }

  boolean booleanValue(String key, boolean defaultValue) {
    String raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(raw);
    }
    throw bad(key, raw, "true or false");
  }

  AlertMode alertMode(String key, AlertMode defaultValue) {
    String raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    try {
      return AlertMode.fromValue(raw);
    } catch (IllegalArgumentException e) {
      throw bad(key, raw, "alert or modal");
    }
  }

  Skin skin(String key, Skin defaultValue) {
    String raw = raw(key);
    if (raw == null) {
      return defaultValue;
    }
    try {
      return Skin.fromValue(raw);
    } catch (IllegalArgumentException e) {
      throw bad(key, raw, "a, b or c");
    }
  }

  private String raw(String key) {
    String value = lookup.apply(key);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static IllegalArgumentException bad(String key, String raw, String expected) {
    return new IllegalArgumentException(key + ": expected " + expected + ", got \"" + raw + "\"");
  }
}
