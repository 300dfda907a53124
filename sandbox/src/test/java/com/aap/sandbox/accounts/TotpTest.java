package com.aap.sandbox.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TotpTest {
  /** RFC 6238 appendix B: ASCII "12345678901234567890", SHA-1, T = 59 s gives 94287082 (6 digits: 287082). */
  private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  private static Totp at(long epochSecond) {
    return new Totp(Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  @Test
  void acceptsTheRfc6238TestVector() {
    assertThat(at(59).verify(RFC_SECRET, "287082")).isTrue();
  }

  @Test
  void acceptsTheCodeOfThePreviousStepForClockSkew() {
    assertThat(at(59 + 30).verify(RFC_SECRET, "287082")).isTrue();
  }

  @Test
  void rejectsACodeTwoStepsOld() {
    assertThat(at(59 + 60).verify(RFC_SECRET, "287082")).isFalse();
  }

  @Test
  void rejectsSomethingThatIsNotSixDigits() {
    assertThat(at(59).verify(RFC_SECRET, "28708")).isFalse();
  }

  @Test
  void aSecretIsReadInAnyCaseWithSpacesAndPadding() {
    assertThat(Totp.secret("mzxw 6===")).containsExactly('f', 'o', 'o');
  }

  @Test
  void aSecretWithACharacterOutsideTheBase32AlphabetIsNotValid() {
    assertThat(Totp.isValidSecret("GEZDGNBVGY3TQOJQ1")).isFalse();
  }

  @Test
  void aLoneLastCharacterOfASecretAddsNoByte() {
    assertThat(Totp.secret("GEZDGNBVGY3TQOJQG")).isEqualTo(Totp.secret("GEZDGNBVGY3TQOJQ")).hasSize(10);
  }
}
