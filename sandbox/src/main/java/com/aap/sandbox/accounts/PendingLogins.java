package com.aap.sandbox.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users who passed the password step and still owe a one-time code, by an opaque state id. */
public final class PendingLogins {
  private static final Duration TTL = Duration.ofMinutes(10);

  private record Pending(String email, Instant expires) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Pending> byState = new ConcurrentHashMap<>();
  private final Clock clock;

  public PendingLogins(Clock clock) {
    this.clock = clock;
  }

  public String start(User user) {
    Instant now = clock.instant();
    byState.values().removeIf(p -> p.expires().isBefore(now));
    String state = Sessions.randomId(random);
    byState.put(state, new Pending(user.email(), now.plus(TTL)));
    return state;
  }

  /** The email waiting on this state, if it has not expired. */
  public Optional<String> email(String state) {
    Pending pending = state == null ? null : byState.get(state);
    if (pending == null || pending.expires().isBefore(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(pending.email());
  }

  public void finish(String state) {
    byState.remove(state);
  }
}
