package com.aap.api.agentapi;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TotpTest {

  /** RFC 6238 appendix B, SHA-1, T = 59 s: 94287082, of which an authenticator shows the last six digits. */
  private static final String RFC_SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  void matchesTheRfc6238TestVector() {
    assertThat(Totp.code(RFC_SECRET_BASE32, Instant.ofEpochSecond(59))).isEqualTo("287082");
  }

  @Test
  void acceptsALowerCaseSecret() {
    assertThat(Totp.code(RFC_SECRET_BASE32.toLowerCase(), Instant.ofEpochSecond(1111111109))).isEqualTo("081804");
  }

  @Test
  void aCodeWithLessThanFiveSecondsToLiveIsWaitedOut() {
    assertThat(Totp.waitForFreshCode(Instant.ofEpochSecond(60))).isZero();
    assertThat(Totp.waitForFreshCode(Instant.ofEpochSecond(84))).isZero();
    assertThat(Totp.waitForFreshCode(Instant.ofEpochMilli(86_000))).isEqualTo(Duration.ofMillis(4_050));
  }
}
