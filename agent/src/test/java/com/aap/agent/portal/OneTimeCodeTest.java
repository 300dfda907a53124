package com.aap.agent.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OneTimeCodeTest {

  /** RFC 6238 appendix B, SHA-1, T = 59 s: 94287082, of which an authenticator shows the last six digits. */
  private static final String RFC_SECRET_BASE32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  @Test
  void matchesTheRfc6238TestVector() {
    assertThat(OneTimeCode.at(RFC_SECRET_BASE32, Instant.ofEpochSecond(59))).isEqualTo("287082");
  }

  @Test
  void acceptsALowerCaseSecret() {
    assertThat(OneTimeCode.at(RFC_SECRET_BASE32.toLowerCase(), Instant.ofEpochSecond(1111111109)))
        .isEqualTo("081804");
  }
}
