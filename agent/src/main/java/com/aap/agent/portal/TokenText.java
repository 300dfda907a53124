package com.aap.agent.portal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes the token alone out of CJ's one-time message, which shows it right after the token name
 * ("affiliate_advertiser_pro_app: 6d0c..."). CJ's tokens are long alphanumeric strings; the dots,
 * dashes and underscores of a JWT-like value are kept too.
 */
final class TokenText {

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*");
  private static final int MIN_LENGTH = 20;

  private TokenText() {
  }

  static Optional<String> extract(String tokenName, String message) {
    if (message == null) {
      return Optional.empty();
    }
    int at = message.indexOf(tokenName + ":");
    if (at >= 0) {
      return firstToken(message.substring(at + tokenName.length() + 1));
    }
    return longestToken(message);
  }

  private static Optional<String> firstToken(String rest) {
    Matcher m = TOKEN.matcher(rest.strip());
    return m.lookingAt() && m.group().length() >= MIN_LENGTH ? Optional.of(m.group()) : Optional.empty();
  }

  /** Without the name in the message, the only long run of token characters is the token. */
  private static Optional<String> longestToken(String message) {
    Matcher m = TOKEN.matcher(message);
    String longest = null;
    while (m.find()) {
      if (m.group().length() >= MIN_LENGTH && (longest == null || m.group().length() > longest.length())) {
        longest = m.group();
      }
    }
    return Optional.ofNullable(longest);
  }
}
