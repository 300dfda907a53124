package com.aap.sandbox.commissions;

import java.util.List;

/** One page of {@code advertiserCommissions}; accessor names match the GraphQL fields. */
public record CommissionPage(int count, int limit, String maxCommissionId, boolean payloadComplete,
    List<Commission> records) {

  static CommissionPage of(List<Commission> records, int limit, boolean more) {
    String max = records.isEmpty() ? null : records.get(records.size() - 1).commissionId();
    return new CommissionPage(records.size(), limit, max, !more, List.copyOf(records));
  }
}
