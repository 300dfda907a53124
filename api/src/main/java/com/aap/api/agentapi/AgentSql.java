package com.aap.api.agentapi;

/** The agent protocol's SQL besides the job lifecycle's, which is all in {@link com.aap.api.jobs.JobStore}. */
final class AgentSql {

  private AgentSql() {
  }

  /**
   * Takes or renews the holder's (the claimant's agent's) hold on the job's CJ login. No row comes back when another
   * claimant took it in the meantime; the claim then rolls back.
   */
  static final String HOLD_LOGIN = """
      INSERT INTO login_owners (cj_login_id, owner, expires_at)
      SELECT s.cj_login_id, $2, now() + ($3::int * interval '1 second') FROM stores s WHERE s.id = $1
      ON CONFLICT (cj_login_id) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
       WHERE login_owners.owner = EXCLUDED.owner OR login_owners.expires_at <= now()
      RETURNING cj_login_id""";

  static final String SIGN_IN_DETAILS = """
      SELECT s.cj_company_id, l.id AS login_id, l.email, l.password_enc, l.totp_secret_enc IS NOT NULL AS has_totp
        FROM stores s JOIN cj_logins l ON l.id = s.cj_login_id
       WHERE s.id = $1""";

  /** A running job's CJ login and its sealed TOTP secret (null when it has none), and who claimed the job. */
  static final String TOTP_SECRET = """
      SELECT l.id AS login_id, l.email, l.totp_secret_enc, j.claimed_by, j.store_id
        FROM jobs j JOIN stores s ON s.id = j.store_id JOIN cj_logins l ON l.id = s.cj_login_id
       WHERE j.id = $1""";


  static final String CAPTURED = "SELECT token_enc, name FROM captured_tokens WHERE job_id = $1";

  static final String CAPTURE = """
      INSERT INTO captured_tokens (job_id, store_id, token_enc, name) VALUES ($1, $2, $3, $4)
      ON CONFLICT (job_id) DO NOTHING""";

  static final String SAVE_CHECK_REPORT = """
      INSERT INTO portal_check_reports (job_id, ok, report) VALUES ($1, $2, $3)
      ON CONFLICT (job_id) DO UPDATE SET ok = EXCLUDED.ok, report = EXCLUDED.report, reported_at = now()""";

  static final String DROP_CHECK_SCREENSHOTS = "DELETE FROM portal_check_screenshots WHERE job_id = $1";

  static final String SAVE_CHECK_SCREENSHOT = "INSERT INTO portal_check_screenshots (job_id, n, png) VALUES ($1, $2, $3)";

  static final String SAVE_SCREENSHOT = """
      INSERT INTO job_screenshots (job_id, png) VALUES ($1, $2)
      ON CONFLICT (job_id) DO UPDATE SET png = EXCLUDED.png, taken_at = now()""";
}
