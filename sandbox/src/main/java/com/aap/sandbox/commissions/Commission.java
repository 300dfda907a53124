package com.aap.sandbox.commissions;

import java.time.Instant;
import java.util.List;

/**
 * One Commission Detail record. Kept compact (epoch seconds, cents, shared lookups); the public
 * no-argument methods are named exactly like the GraphQL {@code Commission} fields and format on demand.
 */
public record Commission(
    long id,
    long cid,
    long actionNumber,
    boolean original,
    int orderNumber,
    Tracker tracker,
    Publisher publisher,
    String actionStatus,
    String validationStatus,
    String correctionReason,
    long postedAt,
    long eventAt,
    long lockingAt,
    long saleCents,
    long commissionCents,
    long feeCents,
    String coupon,
    List<Item> items) {

  Commission withId(long newId) {
    return new Commission(newId, cid, actionNumber, original, orderNumber, tracker, publisher, actionStatus,
        validationStatus, correctionReason, postedAt, eventAt, lockingAt, saleCents, commissionCents, feeCents,
        coupon, items);
  }

  public String commissionId() {
    return Long.toString(id);
  }

  public String originalActionId() {
    return Long.toString(actionNumber);
  }

  public String orderId() {
    return "ORD-" + cid + "-" + orderNumber;
  }

  public String actionTrackerId() {
    return Long.toString(tracker.id());
  }

  public String actionTrackerName() {
    return tracker.name();
  }

  public String actionType() {
    return tracker.actionType();
  }

  public String postingDate() {
    return Instant.ofEpochSecond(postedAt).toString();
  }

  public String eventDate() {
    return Instant.ofEpochSecond(eventAt).toString();
  }

  public String lockingDate() {
    return Instant.ofEpochSecond(lockingAt).toString();
  }

  public String lockingMethod() {
    return "FIXED_DATE";
  }

  public String publisherId() {
    return Long.toString(publisher.id());
  }

  public String publisherName() {
    return publisher.name();
  }

  public String saleAmountAdvCurrency() {
    return Money.format(saleCents);
  }

  public String advCommissionAmountAdvCurrency() {
    return Money.format(commissionCents);
  }

  public String cjFeeAdvCurrency() {
    return Money.format(feeCents);
  }
}
