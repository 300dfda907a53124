package com.aap.api.agentapi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class FailedAuthenticationsTest {

  private final AtomicLong now = new AtomicLong(1_000_000);
  private final FailedAuthentications failures = new FailedAuthentications(3, Duration.ofSeconds(60), now::get);

  @Test
  void anAddressIsRefusedForAWindowAfterTooManyFailures() {
    failures.failed("10.0.0.1");
    failures.failed("10.0.0.1");
    assertThat(failures.retryAfter("10.0.0.1")).isZero();

    now.addAndGet(1_000);
    failures.failed("10.0.0.1");

    assertThat(failures.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(60));
    assertThat(failures.retryAfter("10.0.0.2")).as("other addresses are not affected").isZero();
    now.addAndGet(59_000);
    assertThat(failures.retryAfter("10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
    now.addAndGet(1_000);
    assertThat(failures.retryAfter("10.0.0.1")).isZero();
  }

  @Test
  void failuresSpreadOverMoreThanAWindowAreForgiven() {
    failures.failed("10.0.0.1");
    failures.failed("10.0.0.1");
    now.addAndGet(60_000);
    failures.failed("10.0.0.1");

    assertThat(failures.retryAfter("10.0.0.1")).isZero();
  }
}
