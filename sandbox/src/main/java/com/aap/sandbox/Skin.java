package com.aap.sandbox;

import java.util.Locale;

/**
 * The look of the sign-in pages and the developer portal. JSON and environment values: "a", "b", "c".
 * The same users, sessions, tokens and faults serve every skin.
 */
public enum Skin {
  /** Server-rendered pages under {@code /u/}, a left-hand menu, a {@code <select>} company switcher. */
  A,
  /** Hosted sign-in pages under {@code /auth/} and a single-page portal with its own widgets and words. */
  B,
  /** Skin A in German ({@code lang="de"}): a layout an English portal profile cannot handle. */
  C;

  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "a", "b" or "c" (any case); anything else is an {@link IllegalArgumentException}. */
  public static Skin fromValue(String value) {
    if (value != null) {
      for (Skin skin : values()) {
        if (skin.value().equalsIgnoreCase(value.trim())) {
          return skin;
        }
      }
    }
    throw new IllegalArgumentException("expected \"a\", \"b\" or \"c\", got \"" + value + "\"");
  }
}
