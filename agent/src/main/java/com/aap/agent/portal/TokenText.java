package com.aap.agent.portal;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the token alone out of CJ's one-time message, which shows it right after the token name
 * ("affiliate_advertiser_pro_app: 6d0c..."). What a token looks like comes from the portal profile; by
 * default a long alphanumeric run, the dots, dashes and underscores of a JWT-like value kept. The token
 * name itself, and anything the page showed before Register, is never taken for the token.
 */
final class TokenText {

  static final Pattern DEFAULT_PATTERN = Pattern.compile("[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*");
  static final int DEFAULT_MIN_LENGTH = 20;

  private final Pattern pattern;
  private final int minLength;

  TokenText(Pattern pattern, int minLength) {
    this.pattern = pattern;
    this.minLength = minLength;
  }

  static Optional<String> extract(String tokenName, String message) {
    return new TokenText(DEFAULT_PATTERN, DEFAULT_MIN_LENGTH).find(tokenName, message, Set.of());
  }

  /** The token in {@code message}, none of {@code seenBefore}. */
  Optional<String> find(String tokenName, String message, Set<String> seenBefore) {
    if (message == null) {
      return Optional.empty();
    }
    int at = message.indexOf(tokenName + ":");
    if (at >= 0) {
      Optional<String> next = firstToken(message.substring(at + tokenName.length() + 1), tokenName, seenBefore);
      if (next.isPresent()) {
        return next;
      }
    }
    return longestToken(message, tokenName, seenBefore);
  }

  /** Every token-shaped run in {@code text}: what the page showed before Register. */
  Set<String> all(String text) {
    Set<String> found = new java.util.HashSet<>();
    Matcher m = pattern.matcher(text == null ? "" : text);
    while (m.find()) {
      if (m.group().length() >= minLength) {
        found.add(m.group());
      }
    }
    return found;
  }

  private Optional<String> firstToken(String rest, String tokenName, Set<String> seenBefore) {
    Matcher m = pattern.matcher(rest.strip());
    return m.lookingAt() && acceptable(m.group(), tokenName, seenBefore) ? Optional.of(m.group()) : Optional.empty();
  }

  /** Without the name in the message, the only long run of token characters is the token. */
  private Optional<String> longestToken(String message, String tokenName, Set<String> seenBefore) {
    Matcher m = pattern.matcher(message);
    String longest = null;
    while (m.find()) {
      if (acceptable(m.group(), tokenName, seenBefore) && (longest == null || m.group().length() > longest.length())) {
        longest = m.group();
      }
    }
    return Optional.ofNullable(longest);
  }

  private boolean acceptable(String candidate, String tokenName, Set<String> seenBefore) {
    return candidate.length() >= minLength && !tokenName.contains(candidate)
        && !seenBefore.contains(candidate);
  }
}
