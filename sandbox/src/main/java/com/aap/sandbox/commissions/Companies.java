package com.aap.sandbox.commissions;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Companies by CID. Creating an existing CID replaces it (and re-seeds its records). */
public final class Companies {
  private final Map<Long, Company> byCid = new ConcurrentHashMap<>();
  private final Clock clock;

  public Companies(Clock clock) {
    this.clock = clock;
  }

  public Company create(long cid, String name, int commissions) {
    var createdAt = clock.instant();
    Company company = new Company(cid, name, commissions, createdAt,
        CommissionGenerator.generate(cid, commissions, createdAt));
    byCid.put(cid, company);
    return company;
  }

  public Optional<Company> find(long cid) {
    return Optional.ofNullable(byCid.get(cid));
  }
}
