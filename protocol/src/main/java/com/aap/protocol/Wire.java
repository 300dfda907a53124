package com.aap.protocol;

import java.util.Locale;

/** The protocol's enums travel as their lower-case names ({@code needs_attention}); this reads them back. */
final class Wire {

  private Wire() {
  }

  static String name(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  /** The constant whose wire name is {@code text}, or null when there is none. */
  static <E extends Enum<E>> E find(Class<E> type, String text) {
    if (text == null) return null;
    for (E value : type.getEnumConstants()) {
      if (name(value).equals(text)) return value;
    }
    return null;
  }
}
