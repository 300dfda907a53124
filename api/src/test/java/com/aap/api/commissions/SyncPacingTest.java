package com.aap.api.commissions;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** When syncs come due, and how fast calls to CJ may go out. */
class SyncPacingTest {

  private static final Duration HOUR = Duration.ofHours(1);
  private static final long SECOND = 1_000_000_000L;

  @Test
  void aRunOnItsMomentIsFollowedExactlyAnIntervalLaterEvenWhenItRanLate() {
    Instant moment = Schedule.next("store-1", Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T10:00:00Z"), HOUR);

    assertThat(Schedule.next("store-1", moment, moment.plusSeconds(2), HOUR)).isEqualTo(moment.plus(HOUR));
    assertThat(Schedule.next("store-1", moment, moment.plus(Duration.ofMinutes(50)), HOUR)).isEqualTo(moment.plus(HOUR));
    assertThat(Schedule.next("store-1", moment, moment.plus(Duration.ofMinutes(70)), HOUR))
        .isEqualTo(moment.plus(HOUR.multipliedBy(2)));
  }

  @Test
  void aFirstRunIsFollowedByNoneWithinHalfAnIntervalAndStoresGetMomentsOfTheirOwn() {
    Instant verified = Instant.parse("2026-11-30T10:17:00Z");
    Instant next = Schedule.next("store-1", verified, verified, HOUR);

    assertThat(Duration.between(verified, next)).isBetween(HOUR.dividedBy(2), HOUR.multipliedBy(3).dividedBy(2));
    long distinctMinutes = java.util.stream.IntStream.range(0, 60)
        .mapToObj(i -> Schedule.next("store-" + i, verified, verified, HOUR).atZone(ZoneOffset.UTC).getMinute())
        .distinct().count();
    assertThat(distinctMinutes).isGreaterThan(25);
  }

  @Test
  void aBucketAllowsATenthOfAMinutesCallsAtOnceThenTheSustainedRate() {
    RateLimiter limiter = new RateLimiter(60); // one a second, bursts of 6 (a tenth of a minute's, plus the first)
    long now = 1_000 * SECOND;
    for (int i = 0; i < 7; i++) assertThat(limiter.reserve(now)).as("call %d", i).isZero();
    assertThat(limiter.reserve(now)).isEqualTo(SECOND);
    assertThat(limiter.reserve(now)).isEqualTo(2 * SECOND);
    assertThat(limiter.idle(now + 20 * SECOND)).isTrue();
  }

  @Test
  void aPauseHoldsEveryCallBackUntilItsMoment() {
    RateLimiter limiter = new RateLimiter(600);
    long now = 5 * SECOND;
    limiter.pauseUntil(now + 3 * SECOND);

    assertThat(limiter.reserve(now)).isEqualTo(3 * SECOND);
    assertThat(limiter.reserve(now + SECOND)).isEqualTo(2 * SECOND);
    assertThat(limiter.idle(now + SECOND)).isFalse();
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertThat(RetryAfter.parse("7")).isEqualTo(Duration.ofSeconds(7));
    String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
    assertThat(RetryAfter.parse(inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    assertThat(RetryAfter.parse("Mon, 01 Jan 2001 00:00:00 GMT")).isZero();
    assertThat(RetryAfter.parse("soon")).isNull();
    assertThat(RetryAfter.parse(null)).isNull();
  }
}
