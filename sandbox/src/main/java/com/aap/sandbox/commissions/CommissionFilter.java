package com.aap.sandbox.commissions;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/** The optional {@code advertiserCommissions} filters besides the posting-date window and id cursor. */
final class CommissionFilter {
  private CommissionFilter() {}

  static Predicate<Commission> from(Map<String, Object> args) {
    Predicate<Commission> filter = c -> true;
    Window events = Window.optional("sinceEventDate", text(args, "sinceEventDate"),
        "beforeEventDate", text(args, "beforeEventDate"));
    Window locking = Window.optional("sinceLockingDate", text(args, "sinceLockingDate"),
        "beforeLockingDate", text(args, "beforeLockingDate"));
    filter = filter.and(c -> events.contains(c.eventAt()) && locking.contains(c.lockingAt()));
    filter = and(filter, args, "commissionIds", Commission::commissionId);
    filter = and(filter, args, "publisherIds", Commission::publisherId);
    filter = and(filter, args, "actionStatuses", Commission::actionStatus);
    filter = and(filter, args, "actionTypes", Commission::actionType);
    return and(filter, args, "validationStatuses", Commission::validationStatus);
  }

  private static Predicate<Commission> and(Predicate<Commission> filter, Map<String, Object> args, String arg,
      Function<Commission, String> field) {
    Object value = args.get(arg);
    if (!(value instanceof Collection<?> wanted)) {
      return filter;
    }
    Set<String> allowed = Set.copyOf(wanted.stream().map(String::valueOf).toList());
    return filter.and(c -> allowed.contains(field.apply(c)));
  }

  private static String text(Map<String, Object> args, String arg) {
    Object value = args.get(arg);
    return value == null ? null : value.toString();
  }

  static List<String> strings(Object value) {
    return value instanceof Collection<?> c ? c.stream().map(String::valueOf).toList() : List.of();
  }
}
