package com.aap.sandbox.accounts;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory sessions keyed by a random id (the {@code cj_session} cookie). */
public final class Sessions {
  public static final String COOKIE = "cj_session";

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();

  /** Starts a session for the user, acting for its first company; returns the session id. */
  public String open(User user) {
    String id = randomId(random);
    byId.put(id, new Session(user.email(), user.defaultCid()));
    return id;
  }

  public Optional<Session> find(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  public void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  static String randomId(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
