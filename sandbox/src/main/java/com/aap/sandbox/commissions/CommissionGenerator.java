package com.aap.sandbox.commissions;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Seeds a company's records, deterministically from its CID, N and creation day: N originals spread
 * over the days before the creation day, and for every tenth original a full reversal plus a new-state
 * record posted 1 to 5 days later (never after the creation moment). Ids follow posting order.
 */
public final class CommissionGenerator {
  /** Ids are {@code cid * ID_BLOCK + sequence}, so they are unique across companies. */
  public static final long ID_BLOCK = 10_000_000L;
  /** Keeps every id (and action number) of a company inside its block. */
  public static final int MAX_COMMISSIONS = 1_000_000;

  private static final long DAY = 86_400L;
  /** 119 whole days before the creation day's midnight stay within 120 days of the creation moment. */
  private static final long SPAN = 119 * DAY;
  private static final long ACTION_OFFSET = 5_000_000L;
  private static final String[] SKUS = {"TENT-2P", "BAG-20L", "STOVE-MINI", "LAMP-LED", "MUG-STEEL", "BOOK-HB",
      "BOOK-PB", "COFFEE-1KG", "GRINDER", "FILTER-100", "BOTTLE-1L", "CAP-WOOL"};
  private static final long[] PRICES = {18_999, 5_450, 3_900, 2_499, 1_250, 2_800, 1_499, 2_199, 8_900, 650,
      2_950, 1_999};
  private static final Publisher[] PUBLISHERS = {new Publisher(7_100_001, "Trail Deals Blog"),
      new Publisher(7_100_002, "CouponCove"), new Publisher(7_100_003, "Cashback Castle"),
      new Publisher(7_100_004, "Gift Guide Weekly"), new Publisher(7_100_005, "Loyalty Lane"),
      new Publisher(7_100_006, "Review Rangers")};
  private static final String[] REASONS = {"RETURNED_MERCHANDISE", "RETURNED_MERCHANDISE", "DUPLICATED_ORDER",
      "ORDER_CANCELLED"};

  private final long cid;
  private final long anchor;
  private final Random random;
  private final Tracker[] trackers;

  private CommissionGenerator(long cid, Instant createdAt, long seed) {
    this.cid = cid;
    this.anchor = createdAt.truncatedTo(ChronoUnit.DAYS).getEpochSecond();
    this.random = new Random(cid + 31 * seed);
    long trackerBase = 400_000 + (cid % 10_000) * 10;
    this.trackers = new Tracker[] {new Tracker(trackerBase + 1, "Online Sale", "item_sale"),
        new Tracker(trackerBase + 2, "Mobile App Sale", "sim_sale")};
  }

  /** All records of the company, ordered by commission id (and so by posting date). */
  public static Ledger generate(long cid, int commissions, Instant createdAt) {
    if (commissions < 0 || commissions > MAX_COMMISSIONS) {
      throw new IllegalArgumentException("commissions must be 0.." + MAX_COMMISSIONS);
    }
    return new CommissionGenerator(cid, createdAt, 0).records(commissions);
  }

  /**
   * {@code n} new originals for the company, posted at {@code at} (never before its latest record), with
   * the next ids; the records are appended to its ledger and returned.
   */
  public static List<Commission> addOriginals(Company company, int n, Instant at) {
    Ledger ledger = company.ledger();
    synchronized (ledger) {
      CommissionGenerator generator = new CommissionGenerator(company.cid(), company.createdAt(), ledger.size());
      long postedAt = Math.max(at.getEpochSecond(), ledger.lastPostedAt());
      int originals = (int) ledger.all().stream().filter(Commission::original).count();
      List<Commission> added = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        added.add(generator.original(originals + i, postedAt));
      }
      return generator.append(ledger, added);
    }
  }

  /**
   * A correction of the original {@code commissionId}, as CJ posts one: a full reversal and a new-state
   * record, each with its own id and the original's {@code originalActionId}, posted at {@code at}.
   */
  public static List<Commission> addCorrection(Company company, Commission original, String reason, Instant at) {
    Ledger ledger = company.ledger();
    synchronized (ledger) {
      CommissionGenerator generator = new CommissionGenerator(company.cid(), company.createdAt(), ledger.size());
      long postedAt = Math.max(at.getEpochSecond(), ledger.lastPostedAt());
      return generator.append(ledger, List.of(generator.reversal(original, postedAt, reason),
          generator.newState(original, postedAt, reason)));
    }
  }

  private List<Commission> append(Ledger ledger, List<Commission> drafts) {
    long next = ledger.nextId();
    if (next + drafts.size() > cid * ID_BLOCK + ACTION_OFFSET) {
      throw new IllegalArgumentException("the company's id block is full");
    }
    List<Commission> records = new ArrayList<>(drafts.size());
    for (int i = 0; i < drafts.size(); i++) {
      records.add(drafts.get(i).withId(next + i));
    }
    ledger.append(records);
    return records;
  }

  private Ledger records(int n) {
    long[] times = new long[n];
    for (int i = 0; i < n; i++) {
      times[i] = anchor - SPAN + random.nextLong(SPAN);
    }
    Arrays.sort(times);
    List<Commission> drafts = new ArrayList<>(n + n / 5);
    for (int i = 0; i < n; i++) {
      Commission original = original(i, times[i]);
      drafts.add(original);
      if (i % 10 == 9) {
        long at = Math.min(times[i] + DAY + random.nextLong(4 * DAY), anchor - 1);
        String reason = REASONS[random.nextInt(REASONS.length)];
        drafts.add(reversal(original, at, reason));
        drafts.add(newState(original, Math.min(at + 60, anchor - 1), reason));
      }
    }
    drafts.sort(Comparator.comparingLong(Commission::postedAt)); // stable: an original precedes its corrections
    Commission[] records = new Commission[drafts.size()];
    for (int i = 0; i < records.length; i++) {
      records[i] = drafts.get(i).withId(cid * ID_BLOCK + i + 1);
    }
    return new Ledger(records);
  }

  private Commission original(int index, long postedAt) {
    List<Item> items = new ArrayList<>(3);
    int lines = 1 + random.nextInt(3);
    for (int line = 0; line < lines; line++) {
      int sku = random.nextInt(SKUS.length);
      int quantity = 1 + random.nextInt(3);
      items.add(new Item(SKUS[sku], quantity, PRICES[sku], Money.percentOf(PRICES[sku] * quantity, 8)));
    }
    long eventAt = postedAt - random.nextLong(2 * DAY);
    long lockingAt = lockingDate(eventAt);
    int roll = random.nextInt(100);
    String validation = roll < 80 ? "AUTOMATED" : roll < 95 ? "ACCEPTED" : "PENDING";
    String coupon = random.nextInt(5) == 0 ? "SAVE10" : null;
    return build(cid * ID_BLOCK + ACTION_OFFSET + index + 1, true, index + 1,
        trackers[random.nextInt(trackers.length)], PUBLISHERS[random.nextInt(PUBLISHERS.length)],
        status(lockingAt), validation, null, postedAt, eventAt, lockingAt, coupon, items);
  }

  private Commission reversal(Commission original, long postedAt, String reason) {
    List<Item> items = original.items().stream().map(Item::negated).toList();
    return correction(original, postedAt, reason, items);
  }

  /** The order as it stands after the correction: the last line returned (or everything, if cancelled). */
  private Commission newState(Commission original, long postedAt, String reason) {
    List<Item> items = reason.equals("RETURNED_MERCHANDISE")
        ? original.items().subList(0, original.items().size() - 1)
        : List.of();
    return correction(original, postedAt, reason, items);
  }

  private Commission correction(Commission original, long postedAt, String reason, List<Item> items) {
    return build(original.actionNumber(), false, original.orderNumber(), original.tracker(), original.publisher(),
        status(original.lockingAt()), original.validationStatus(), reason, postedAt, original.eventAt(),
        original.lockingAt(), original.coupon(), List.copyOf(items));
  }

  private Commission build(long actionNumber, boolean isOriginal, int orderNumber, Tracker tracker,
      Publisher publisher, String status, String validation, String reason, long postedAt, long eventAt,
      long lockingAt, String coupon, List<Item> items) {
    long sale = items.stream().mapToLong(Item::saleCents).sum();
    long commission = items.stream().mapToLong(Item::commissionCents).sum();
    long fee = commission < 0 ? -Money.percentOf(-commission, 30) : Money.percentOf(commission, 30);
    return new Commission(0, cid, actionNumber, isOriginal, orderNumber, tracker, publisher, status, validation,
        reason, postedAt, eventAt, lockingAt, sale, commission, fee, coupon, items);
  }

  /** Fixed-date locking: 10:00 UTC (2am PST) on the 11th of the month after the event. */
  private static long lockingDate(long eventAt) {
    LocalDate event = LocalDate.ofInstant(Instant.ofEpochSecond(eventAt), ZoneOffset.UTC);
    return event.withDayOfMonth(11).plusMonths(1).atTime(10, 0).toEpochSecond(ZoneOffset.UTC);
  }

  private String status(long lockingAt) {
    if (lockingAt > anchor) {
      return "new";
    }
    return anchor - lockingAt < 30 * DAY ? "locked" : "closed";
  }
}
