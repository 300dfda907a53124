package com.aap.agent.api;

/**
 * A job this agent has claimed, for company {@code cjCompanyId}. {@code kind} is {@value #PROVISION}
 * (register {@code tokenName} and hand it over) or {@value #PORTAL_CHECK} (walk the portal and report what
 * was found; with {@code register}, also register and hand the token over). {@code lease} is the fencing
 * token every report must carry; it lapses after {@code leaseSeconds} without a heartbeat.
 */
public record ClaimedJob(String jobId, String storeId, String cjCompanyId, String tokenName, int attempt,
                         long lease, int leaseSeconds, CjLogin login, String kind, boolean register) {

  public static final String PROVISION = "provision";
  public static final String PORTAL_CHECK = "portal_check";

  /** A provisioning job. */
  public ClaimedJob(String jobId, String storeId, String cjCompanyId, String tokenName, int attempt,
                    long lease, int leaseSeconds, CjLogin login) {
    this(jobId, storeId, cjCompanyId, tokenName, attempt, lease, leaseSeconds, login, PROVISION, false);
  }

  public boolean isPortalCheck() {
    return PORTAL_CHECK.equals(kind);
  }
}
