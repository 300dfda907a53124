package com.aap.sandbox.tokens;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Issues and looks up Personal Access Tokens: 40 random alphanumeric characters. */
public final class Tokens {
  public static final int LENGTH = 40;
  private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private final SecureRandom random = new SecureRandom();
  private final List<IssuedToken> inOrder = new CopyOnWriteArrayList<>();
  private final Map<String, IssuedToken> byValue = new ConcurrentHashMap<>();
  private final Clock clock;

  public Tokens(Clock clock) {
    this.clock = clock;
  }

  public IssuedToken issue(String email, String name, Long cid) {
    IssuedToken issued = new IssuedToken(email, name, newValue(), cid, clock.instant());
    byValue.put(issued.token(), issued);
    inOrder.add(issued);
    return issued;
  }

  /**
   * Revokes every token matching: from now on the Commission Detail API refuses it as unauthenticated, as CJ
   * does once an advertiser deletes a token. Returns how many were revoked.
   */
  public int revoke(Predicate<IssuedToken> which) {
    int revoked = 0;
    for (IssuedToken issued : inOrder) {
      if (which.test(issued) && byValue.remove(issued.token()) != null) revoked++;
    }
    return revoked;
  }

  public boolean isRevoked(IssuedToken issued) {
    return !byValue.containsKey(issued.token());
  }

  public Optional<IssuedToken> find(String token) {
    return token == null ? Optional.empty() : Optional.ofNullable(byValue.get(token));
  }

  public List<IssuedToken> all() {
    return List.copyOf(inOrder);
  }

  public List<IssuedToken> of(String email) {
    String wanted = email.toLowerCase(Locale.ROOT);
    return inOrder.stream().filter(t -> t.email().toLowerCase(Locale.ROOT).equals(wanted)).toList();
  }

  private String newValue() {
    StringBuilder value = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      value.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return value.toString();
  }
}
