package com.aap.sandbox.commissions;

import java.util.Arrays;
import java.util.List;

/**
 * A company's records, sorted by id; ids and posting dates rise together, so both are binary-searchable.
 * Records arrive later too (new commissions, corrections): each {@link #append} publishes a new snapshot,
 * so a query reads one consistent set without a lock.
 */
public final class Ledger {
  private volatile Snapshot snapshot;

  Ledger(Commission[] records) {
    this.snapshot = new Snapshot(records);
  }

  public int size() {
    return snapshot.records.length;
  }

  public Commission get(int index) {
    return snapshot.records[index];
  }

  public List<Commission> all() {
    return List.of(snapshot.records);
  }

  /** Records posted in [since, before), epoch seconds. */
  public int countPosted(long since, long before) {
    Snapshot s = snapshot;
    return Math.max(0, lowerBound(s.postedAt, before) - lowerBound(s.postedAt, since));
  }

  /** Index of the first record posted at or after the moment (epoch seconds). */
  public int firstPostedAtOrAfter(long moment) {
    return lowerBound(snapshot.postedAt, moment);
  }

  /** Index of the first record whose id is greater than the given one. */
  public int firstIdAbove(long id) {
    long[] ids = snapshot.ids;
    return id == Long.MAX_VALUE ? ids.length : lowerBound(ids, id + 1);
  }

  /** The record with this id, or null. */
  public Commission find(long id) {
    Snapshot s = snapshot;
    int index = lowerBound(s.ids, id);
    return index < s.ids.length && s.ids[index] == id ? s.records[index] : null;
  }

  /** The id the next record gets, and the latest posting moment so far (new records may not be earlier). */
  long nextId() {
    long[] ids = snapshot.ids;
    return ids.length == 0 ? 1 : ids[ids.length - 1] + 1;
  }

  long lastPostedAt() {
    long[] posted = snapshot.postedAt;
    return posted.length == 0 ? Long.MIN_VALUE : posted[posted.length - 1];
  }

  /** Adds records whose ids and posting dates are at or after every record held (the caller's promise). */
  synchronized void append(List<Commission> added) {
    Commission[] records = Arrays.copyOf(snapshot.records, snapshot.records.length + added.size());
    for (int i = 0; i < added.size(); i++) {
      records[snapshot.records.length + i] = added.get(i);
    }
    snapshot = new Snapshot(records);
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

  private static final class Snapshot {
    final Commission[] records;
    final long[] ids;
    final long[] postedAt;

    Snapshot(Commission[] records) {
      this.records = records;
      this.ids = Arrays.stream(records).mapToLong(Commission::id).toArray();
      this.postedAt = Arrays.stream(records).mapToLong(Commission::postedAt).toArray();
    }
  }
}
