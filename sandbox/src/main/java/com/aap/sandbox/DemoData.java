package com.aap.sandbox;

import java.util.List;

/** The demo user and companies seeded when {@code SANDBOX_DEMO_DATA=true}. */
public final class DemoData {
  public static final String USER_EMAIL = "demo@agency.example";
  public static final String USER_PASSWORD = "demo-password";

  public static final long ACME_CID = 1_000_001L;
  public static final String ACME_NAME = "Acme Outdoor";
  public static final int ACME_COMMISSIONS = 1_500;
  public static final long BLUEBIRD_CID = 1_000_002L;
  public static final String BLUEBIRD_NAME = "Bluebird Books";
  public static final int BLUEBIRD_COMMISSIONS = 300;
  public static final long COBALT_CID = 1_000_003L;
  public static final String COBALT_NAME = "Cobalt Coffee";
  public static final int COBALT_COMMISSIONS = 40;

  /** A demo company; {@code commissions} is N, the number of original records. */
  public record Company(long cid, String name, int commissions) {
    /** N + 2 * floor(N / 10): originals plus a reversal and a new-state record for every tenth. */
    public int records() {
      return commissions + 2 * (commissions / 10);
    }
  }

  public static final List<Company> COMPANIES = List.of(
      new Company(ACME_CID, ACME_NAME, ACME_COMMISSIONS),
      new Company(BLUEBIRD_CID, BLUEBIRD_NAME, BLUEBIRD_COMMISSIONS),
      new Company(COBALT_CID, COBALT_NAME, COBALT_COMMISSIONS));

  private DemoData() {}
}
