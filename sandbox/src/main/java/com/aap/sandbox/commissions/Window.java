package com.aap.sandbox.commissions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A half-open time range [since, before) in whole epoch seconds. */
record Window(long since, long before) {
  static final Duration MAX_SPAN = Duration.ofDays(31);

  /** The posting-date window: both ends required, before after since, at most 31 days. */
  static Window required(String sinceArg, String sinceText, String beforeArg, String beforeText) {
    if (sinceText == null || beforeText == null) {
      throw QueryProblem.badInput(sinceArg + " and " + beforeArg + " are required");
    }
    Instant since = parse(sinceArg, sinceText);
    Instant before = parse(beforeArg, beforeText);
    if (!before.isAfter(since)) {
      throw QueryProblem.badInput(beforeArg + " must be after " + sinceArg);
    }
    if (Duration.between(since, before).compareTo(MAX_SPAN) > 0) {
      throw QueryProblem.badInput("The date range may span at most 31 days");
    }
    return new Window(seconds(since), seconds(before));
  }

  /** An optional extra range; either end may be missing. */
  static Window optional(String sinceArg, String sinceText, String beforeArg, String beforeText) {
    long since = sinceText == null ? Long.MIN_VALUE : seconds(parse(sinceArg, sinceText));
    long before = beforeText == null ? Long.MAX_VALUE : seconds(parse(beforeArg, beforeText));
    return new Window(since, before);
  }

  boolean contains(long moment) {
    return moment >= since && moment < before;
  }

  static Instant parse(String arg, String text) {
    try {
      return OffsetDateTime.parse(text.trim()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(text.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw QueryProblem.badInput(arg + " is not an ISO-8601 date-time: " + text);
      }
    }
  }

  /** Records are posted at whole seconds, so rounding a bound up keeps {@code >=} and {@code <} exact. */
  static long seconds(Instant instant) {
    return instant.getNano() == 0 ? instant.getEpochSecond() : instant.getEpochSecond() + 1;
  }
}
