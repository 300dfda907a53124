package com.aap.sandbox.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * In-memory sessions keyed by a random id (the {@code cj_session} cookie). A session ends its lifetime
 * after sign-in; the lifetime is read on every use, so changing it also applies to open sessions.
 */
public final class Sessions {
  public static final String COOKIE = "cj_session";

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Session> byId = new ConcurrentHashMap<>();
  private final Clock clock;
  private final IntSupplier lifetimeSeconds;

  public Sessions(Clock clock, IntSupplier lifetimeSeconds) {
    this.clock = clock;
    this.lifetimeSeconds = lifetimeSeconds;
  }

  /** Starts a session for the user, acting for its first company; returns the session id. */
  public String open(User user) {
    byId.values().removeIf(this::expired);
    String id = randomId(random);
    byId.put(id, new Session(user.email(), clock.instant(), user.defaultCid()));
    return id;
  }

  /** The session, unless there is none or it has expired (which is the same to the caller). */
  public Optional<Session> find(String id) {
    Session session = id == null ? null : byId.get(id);
    if (session != null && expired(session)) {
      byId.remove(id, session);
      return Optional.empty();
    }
    return Optional.ofNullable(session);
  }

  public void close(String id) {
    if (id != null) {
      byId.remove(id);
    }
  }

  private boolean expired(Session session) {
    return !clock.instant().isBefore(session.signedInAt().plusSeconds(lifetimeSeconds.getAsInt()));
  }

  static String randomId(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
