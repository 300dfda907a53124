package com.aap.api.agentapi;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Failed agent authentications per source address, in memory (each API instance counts its own, and a
 * restart forgets them). After {@code maxFailures} failures within {@code window} of the first, the address
 * is refused for a whole window from its last failure, valid key or not: otherwise the refusal would tell a
 * guess that hit from one that missed. Agents behind one address share its count.
 */
final class FailedAuthentications {

  static final int MAX_FAILURES = 10;
  static final Duration WINDOW = Duration.ofMinutes(1);
  /** Beyond this many addresses, those whose window has passed are forgotten. */
  private static final int PRUNE_ABOVE = 10_000;

  private record Tally(long windowEnds, int failures) {
  }

  private final int maxFailures;
  private final long windowMillis;
  private final LongSupplier clock;
  private final Map<String, Tally> byAddress = new ConcurrentHashMap<>();

  FailedAuthentications() {
    this(MAX_FAILURES, WINDOW, () -> System.nanoTime() / 1_000_000);
  }

  FailedAuthentications(int maxFailures, Duration window, LongSupplier clockMillis) {
    this.maxFailures = maxFailures;
    this.windowMillis = window.toMillis();
    this.clock = clockMillis;
  }

  /** How long the address must wait before it may try again; zero when it may now. */
  Duration retryAfter(String address) {
    Tally tally = byAddress.get(address);
    long now = clock.getAsLong();
    if (tally == null || tally.failures() < maxFailures) return Duration.ZERO;
    if (now >= tally.windowEnds()) {
      byAddress.remove(address, tally);
      return Duration.ZERO;
    }
    return Duration.ofMillis(tally.windowEnds() - now);
  }

  void failed(String address) {
    long now = clock.getAsLong();
    byAddress.compute(address, (key, tally) -> {
      if (tally == null || now >= tally.windowEnds()) return new Tally(now + windowMillis, 1);
      int failures = tally.failures() + 1;
      return new Tally(failures >= maxFailures ? now + windowMillis : tally.windowEnds(), failures);
    });
    if (byAddress.size() > PRUNE_ABOVE) {
      byAddress.values().removeIf(tally -> now >= tally.windowEnds());
    }
  }
}
