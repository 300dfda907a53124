package com.aap.api.commissions;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Posting-date windows: [since, before) split into pieces of at most 31 days, as CJ requires. */
record Windows(Instant since, Instant before) {

  static final Duration MAX_WINDOW = Duration.ofDays(31);

  /** From the start of the UTC day {@code days} days ago until now (whole seconds). */
  static Windows lastDays(int days, Instant now) {
    Instant since = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
    return new Windows(since, now.truncatedTo(ChronoUnit.SECONDS));
  }

  List<Window> split() {
    List<Window> windows = new ArrayList<>();
    for (Instant start = since; start.isBefore(before); ) {
      Instant end = start.plus(MAX_WINDOW).isBefore(before) ? start.plus(MAX_WINDOW) : before;
      windows.add(new Window(start, end));
      start = end;
    }
    return windows;
  }

  record Window(Instant since, Instant before) {
  }
}
