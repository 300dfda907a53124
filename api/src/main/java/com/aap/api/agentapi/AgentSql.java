package com.aap.api.agentapi;

/** The agent protocol's SQL. {@code lease_epoch} is the fencing token every state change must present. */
final class AgentSql {

  private AgentSql() {
  }

  /**
   * Claims up to $4 jobs of one CJ login: the best claimable job, then that login's next queued jobs,
   * so an agent runs several of them one after another in the session it signs in once. A job whose
   * token is already captured is never claimed again: it must not touch the browser. Jobs of a CJ login
   * held by another holder ($5, the claimant's agent) are left to it; jobs of the logins this claimant
   * already holds a session for ($3, the one it used last first) come first, so it stays with one login;
   * a claimant without a session for any queued login takes the login with the fewest running jobs, so
   * an agent's workers spread over its logins and share one only when no other is left (each sharing
   * worker signs in once more).
   */
  static final String CLAIM = """
      WITH busy AS (
        SELECT s.cj_login_id, count(*) AS running FROM jobs j JOIN stores s ON s.id = j.store_id
         WHERE j.state = 'running' GROUP BY s.cj_login_id),
      first AS (
        SELECT j.id, s.cj_login_id FROM jobs j JOIN stores s ON s.id = j.store_id
          LEFT JOIN busy b ON b.cj_login_id = s.cj_login_id
         WHERE j.state = 'queued' AND j.available_at <= now()
           AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = j.id)
           AND NOT EXISTS (SELECT 1 FROM login_owners o WHERE o.cj_login_id = s.cj_login_id
                              AND o.owner <> $5 AND o.expires_at > now())
         ORDER BY array_position($3::uuid[], s.cj_login_id) NULLS LAST, coalesce(b.running, 0), j.created_at
         FOR UPDATE OF j SKIP LOCKED LIMIT 1),
      batch AS (
        SELECT j.id FROM jobs j JOIN stores s ON s.id = j.store_id JOIN first f ON s.cj_login_id = f.cj_login_id
         WHERE j.state = 'queued' AND j.available_at <= now()
           AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = j.id)
         ORDER BY (j.id = f.id) DESC, j.created_at
         FOR UPDATE OF j SKIP LOCKED LIMIT $4)
      UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = $1, claimed_at = now(),
                      lease_epoch = lease_epoch + 1, lease_expires_at = now() + ($2::int * interval '1 second'),
                      signing_in_login = NULL, updated_at = now()
       WHERE id IN (SELECT id FROM batch)
      RETURNING id, store_id, token_name, attempts, lease_epoch, created_at, kind, register""";

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
      SELECT s.cj_company_id, l.id AS login_id, l.email, l.password_enc, l.totp_secret_enc
        FROM stores s JOIN cj_logins l ON l.id = s.cj_login_id
       WHERE s.id = $1""";

  /** Puts back a job whose claimant went away before it could be told. */
  static final String RELEASE = """
      UPDATE jobs SET state = 'queued', attempts = attempts - 1, claimed_by = NULL, claimed_at = NULL,
                      lease_expires_at = NULL, updated_at = now()
       WHERE id = $1 AND state = 'running' AND lease_epoch = $2""";

  static final String LOCK_JOB = """
      SELECT state, store_id, attempts, max_attempts, lease_epoch, token_name, registering_name, registering_epoch,
             kind, register
        FROM jobs WHERE id = $1 FOR UPDATE""";

  static final String HEARTBEAT = """
      UPDATE jobs SET lease_expires_at = now() + ($3::int * interval '1 second'), updated_at = now()
       WHERE id = $1 AND state = 'running' AND lease_epoch = $2""";

  /**
   * A step is also a heartbeat. {@code signing_in} takes the CJ login's sign-in slot (the unique index
   * jobs_one_sign_in_per_login refuses a second running job with 23505); every later step gives it back.
   */
  static final String ADD_STEP = """
      WITH job AS (
        UPDATE jobs SET lease_expires_at = now() + ($4::int * interval '1 second'), updated_at = now(),
                        signing_in_login = CASE WHEN $2 = 'signing_in'
                          THEN (SELECT s.cj_login_id FROM stores s WHERE s.id = jobs.store_id) END
         WHERE id = $1 AND state = 'running' AND lease_epoch = $3 RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, $2 FROM job""";

  static final String JOB_STATE = "SELECT state, lease_epoch FROM jobs WHERE id = $1";

  static final String CHECKPOINT = """
      UPDATE jobs SET registering_name = $2, registering_epoch = $3, signing_in_login = NULL,
                      lease_expires_at = now() + ($4::int * interval '1 second'), updated_at = now()
       WHERE id = $1 AND state = 'running' AND lease_epoch = $3""";

  static final String ORPHAN = """
      INSERT INTO possibly_orphaned_tokens (store_id, job_id, name, reason, token_enc) VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (job_id, name) DO NOTHING""";

  static final String CAPTURED = "SELECT token_enc, name FROM captured_tokens WHERE job_id = $1";

  static final String CAPTURE = """
      INSERT INTO captured_tokens (job_id, store_id, token_enc, name) VALUES ($1, $2, $3, $4)
      ON CONFLICT (job_id) DO NOTHING""";

  static final String FAIL = """
      UPDATE jobs SET state = $2, error_code = $3, error_message = $4, available_at = $5, error_step = $6,
                      claimed_by = NULL, lease_expires_at = NULL, signing_in_login = NULL, updated_at = now()
       WHERE id = $1 AND state = 'running' AND lease_epoch = $7""";

  /** A portal check that ends without a token: only under its lease. */
  static final String CHECK_SUCCEEDED = """
      UPDATE jobs SET state = 'succeeded', error_code = NULL, error_message = NULL, error_step = NULL,
                      claimed_by = NULL, lease_expires_at = NULL, signing_in_login = NULL, updated_at = now()
       WHERE id = $1 AND state = 'running' AND lease_epoch = $2""";

  static final String SAVE_CHECK_REPORT = """
      INSERT INTO portal_check_reports (job_id, ok, report) VALUES ($1, $2, $3)
      ON CONFLICT (job_id) DO UPDATE SET ok = EXCLUDED.ok, report = EXCLUDED.report, reported_at = now()""";

  static final String DROP_CHECK_SCREENSHOTS = "DELETE FROM portal_check_screenshots WHERE job_id = $1";

  static final String SAVE_CHECK_SCREENSHOT = "INSERT INTO portal_check_screenshots (job_id, n, png) VALUES ($1, $2, $3)";

  static final String SAVE_SCREENSHOT = """
      INSERT INTO job_screenshots (job_id, png) VALUES ($1, $2)
      ON CONFLICT (job_id) DO UPDATE SET png = EXCLUDED.png, taken_at = now()""";
}
