package com.aap.sandbox.commissions;

import java.util.Arrays;
import java.util.List;

/** A company's records, sorted by id; ids and posting dates rise together, so both are binary-searchable. */
public final class Ledger {
  private final Commission[] records;
  private final long[] ids;
  private final long[] postedAt;

  Ledger(Commission[] records) {
    this.records = records;
    this.ids = Arrays.stream(records).mapToLong(Commission::id).toArray();
    this.postedAt = Arrays.stream(records).mapToLong(Commission::postedAt).toArray();
  }

  public int size() {
    return records.length;
  }

  public Commission get(int index) {
    return records[index];
  }

  public List<Commission> all() {
    return List.of(records);
  }

  /** Records posted in [since, before), epoch seconds. */
  public int countPosted(long since, long before) {
    return Math.max(0, firstPostedAtOrAfter(before) - firstPostedAtOrAfter(since));
  }

  /** Index of the first record posted at or after the moment (epoch seconds). */
  public int firstPostedAtOrAfter(long moment) {
    return lowerBound(postedAt, moment);
  }

  /** Index of the first record whose id is greater than the given one. */
  public int firstIdAbove(long id) {
    return id == Long.MAX_VALUE ? ids.length : lowerBound(ids, id + 1);
  }

  private static int lowerBound(long[] sorted, long key) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < key) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
