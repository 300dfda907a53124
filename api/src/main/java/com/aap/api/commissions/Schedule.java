package com.aap.api.commissions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.CRC32;

/**
 * When a store's next sync is due: every store has its own moment in the interval (from a hash of its id),
 * so 10,000 stores hourly come due about three a second rather than all at once, on every instance alike.
 */
final class Schedule {

  private Schedule() {
  }

  /**
   * The store's first moment after both half an interval past the run's scheduled moment and now: a run due
   * on its moment is followed by the next one exactly an interval later, even when it ran late (taken over
   * from a dead instance); a first run (due at once, on no particular moment) is followed by none within half
   * an interval; a run so late that its next moment has passed too is followed by the one after.
   */
  static Instant next(String storeId, Instant scheduled, Instant now, Duration interval) {
    long period = interval.toMillis();
    long phase = Math.floorMod(hash(storeId), period);
    long earliest = Math.max(scheduled.toEpochMilli() + period / 2, now.toEpochMilli());
    long cycle = Math.floorDiv(earliest - phase, period) + 1;
    return Instant.ofEpochMilli(cycle * period + phase);
  }

  private static long hash(String storeId) {
    CRC32 crc = new CRC32();
    crc.update(storeId.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
