package com.aap.sandbox.commissions;

import com.aap.sandbox.accounts.User;
import com.aap.sandbox.http.Cids;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code advertiserCommissions}: authorization (FORBIDDEN) first, then argument checks (BAD_USER_INPUT),
 * then the first {@code limit} matching records with an id above the cursor, in id order.
 */
final class CommissionQuery {
  private final Companies companies;

  CommissionQuery(Companies companies) {
    this.companies = companies;
  }

  CommissionPage run(User user, Map<String, Object> args, int limit) {
    List<Ledger> ledgers = authorizedLedgers(user, CommissionFilter.strings(args.get("forAdvertisers")));
    Window window = Window.required("sincePostingDate", (String) args.get("sincePostingDate"),
        "beforePostingDate", (String) args.get("beforePostingDate"));
    long cursor = cursor((String) args.get("sinceCommissionId"));
    return page(ledgers, window, cursor, CommissionFilter.from(args), limit);
  }

  private List<Ledger> authorizedLedgers(User user, List<String> advertisers) {
    if (advertisers.isEmpty()) {
      throw QueryProblem.badInput("forAdvertisers must name at least one advertiser");
    }
    TreeSet<Long> cids = new TreeSet<>();
    for (String advertiser : advertisers) {
      Long cid = Cids.parseOrNull(advertiser);
      if (cid == null || !user.belongsTo(cid)) {
        throw new QueryProblem("FORBIDDEN", "Not authorized for advertiser " + advertiser);
      }
      cids.add(cid);
    }
    List<Ledger> ledgers = new ArrayList<>();
    cids.forEach(cid -> companies.find(cid).ifPresent(company -> ledgers.add(company.ledger())));
    return ledgers;
  }

  private static long cursor(String sinceCommissionId) {
    if (sinceCommissionId == null || sinceCommissionId.isBlank()) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(sinceCommissionId.trim());
    } catch (NumberFormatException e) {
      throw QueryProblem.badInput("sinceCommissionId must be a commission id");
    }
  }

  /** Ids carry the CID as prefix, so ledgers in CID order are already in global id order. */
  private static CommissionPage page(List<Ledger> ledgers, Window window, long cursor,
      Predicate<Commission> filter, int limit) {
    List<Commission> records = new ArrayList<>(Math.min(limit, 1024));
    for (Ledger ledger : ledgers) {
      int from = Math.max(ledger.firstPostedAtOrAfter(window.since()), ledger.firstIdAbove(cursor));
      int to = ledger.firstPostedAtOrAfter(window.before());
      for (int i = from; i < to; i++) {
        Commission record = ledger.get(i);
        if (filter.test(record)) {
          if (records.size() == limit) {
            return CommissionPage.of(records, limit, true);
          }
          records.add(record);
        }
      }
    }
    return CommissionPage.of(records, limit, false);
  }
}
