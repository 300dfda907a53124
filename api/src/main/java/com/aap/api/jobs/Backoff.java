package com.aap.api.jobs;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter: base, 2 x base, 4 x base, ... (each ±20 %), at most 10 minutes. */
public final class Backoff {

  private Backoff() {
  }

  public static Duration afterAttempt(int attempt, int baseMillis) {
    double base = baseMillis * Math.pow(2, Math.min(20, Math.max(0, attempt - 1)));
    double jitter = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
    return Duration.ofMillis((long) Math.min(600_000, base * jitter));
  }
}
