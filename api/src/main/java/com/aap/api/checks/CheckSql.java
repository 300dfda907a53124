package com.aap.api.checks;

/** The portal checks' SQL (queuing and reading); the agent's report is written in agentapi. */
final class CheckSql {

  private CheckSql() {
  }

  /** A CJ login named by its id or (ignoring case) its email. */
  static final String LOGIN = "SELECT id, email FROM cj_logins WHERE id::text = lower($1) OR lower(email) = lower($1)";

  /** The store a check walks to: the one named, the one with the CID, or the login's first by id. */
  static final String TARGET_STORE = """
      SELECT id, cj_company_id, agency_signed_on FROM stores
       WHERE cj_login_id = $1 AND ($2::text IS NULL OR id = $2) AND ($3::text IS NULL OR cj_company_id = $3)
       ORDER BY id LIMIT 1""";

  static final String FIND = """
      SELECT j.id, j.store_id, j.register, j.state, j.attempts, j.error_code, j.error_message, j.error_step,
             j.created_at, s.cj_company_id, l.id AS login_id, l.email, r.report, r.reported_at
        FROM jobs j JOIN stores s ON s.id = j.store_id JOIN cj_logins l ON l.id = s.cj_login_id
        LEFT JOIN portal_check_reports r ON r.job_id = j.id
       WHERE j.id = $1 AND j.kind = 'portal_check'""";


  static final String SCREENSHOT = """
      SELECT p.png FROM portal_check_screenshots p JOIN jobs j ON j.id = p.job_id
       WHERE p.job_id = $1 AND p.n = $2 AND j.kind = 'portal_check'""";
}
