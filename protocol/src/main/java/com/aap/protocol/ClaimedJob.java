package com.aap.protocol;

/**
 * A job an agent has claimed, for company {@code cjCompanyId}: {@link JobKind#PROVISION} registers
 * {@code tokenName} and hands it over; {@link JobKind#PORTAL_CHECK} walks the portal and reports what
 * was found (with {@code register}, it also registers and hands the token over). {@code lease} is the
 * fencing token every report must carry; it lapses after {@code leaseSeconds} without a heartbeat.
 * {@code login} carries the CJ password (the API records each such release in its audit log) but not the
 * login's TOTP secret: one-time codes are asked for one at a time.
 */
public record ClaimedJob(String jobId, String storeId, String cjCompanyId, String tokenName, int attempt,
                         long lease, int leaseSeconds, CjLogin login, JobKind kind, boolean register) {

  /** A provisioning job. */
  public ClaimedJob(String jobId, String storeId, String cjCompanyId, String tokenName, int attempt,
                    long lease, int leaseSeconds, CjLogin login) {
    this(jobId, storeId, cjCompanyId, tokenName, attempt, lease, leaseSeconds, login, JobKind.PROVISION, false);
  }

  public boolean isPortalCheck() {
    return kind == JobKind.PORTAL_CHECK;
  }
}
