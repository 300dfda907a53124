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
   * The store's next moment at least half an interval from now: a run on time is followed by the next one
   * exactly an interval later; a first run (due at once, on no particular moment) or a late one is followed by
   * the store's moment after that, never by a second run within half an interval.
   */
  static Instant next(String storeId, Instant now, Duration interval) {
    long period = interval.toMillis();
    long phase = Math.floorMod(hash(storeId), period);
    long earliest = now.toEpochMilli() + period / 2;
    long cycle = Math.floorDiv(earliest - phase, period) + 1;
    return Instant.ofEpochMilli(cycle * period + phase);
  }

  private static long hash(String storeId) {
    CRC32 crc = new CRC32();
    crc.update(storeId.getBytes(StandardCharsets.UTF_8));
    return crc.getValue();
  }
}
