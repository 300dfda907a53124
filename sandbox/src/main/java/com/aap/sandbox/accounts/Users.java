package com.aap.sandbox.accounts;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** Users by case-insensitive email. Adding an existing email replaces that user. */
public final class Users {
  private final Map<String, User> byEmail = new ConcurrentHashMap<>();

  public void put(User user) {
    byEmail.put(key(user.email()), user);
  }

  public Optional<User> find(String email) {
    return email == null ? Optional.empty() : Optional.ofNullable(byEmail.get(key(email)));
  }

  /** Replaces an existing user with {@code change(user)}; empty when there is no such user. */
  public Optional<User> update(String email, UnaryOperator<User> change) {
    return Optional.ofNullable(byEmail.computeIfPresent(key(email), (k, user) -> change.apply(user)));
  }

  private static String key(String email) {
    return email.trim().toLowerCase(Locale.ROOT);
  }
}
