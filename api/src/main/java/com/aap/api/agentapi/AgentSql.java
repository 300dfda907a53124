package com.aap.api.agentapi;

/** The agent protocol's SQL. */
final class AgentSql {

  private AgentSql() {
  }

  static final String CLAIM = """
      UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = $1, claimed_at = now(),
                      lease_expires_at = now() + interval '15 minutes', updated_at = now()
       WHERE id = (SELECT id FROM jobs WHERE state = 'queued' AND available_at <= now()
                    ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id, store_id, token_name, attempts""";

  static final String SIGN_IN_DETAILS = """
      SELECT s.cj_company_id, l.id AS login_id, l.email, l.password_enc, l.totp_secret_enc
        FROM stores s JOIN cj_logins l ON l.id = s.cj_login_id
       WHERE s.id = $1""";

  /** Puts back a job whose claimant went away before it could be told. */
  static final String RELEASE = """
      UPDATE jobs SET state = 'queued', attempts = attempts - 1, claimed_by = NULL, claimed_at = NULL,
                      lease_expires_at = NULL, updated_at = now()
       WHERE id = $1 AND state = 'running'""";

  static final String LOCK_JOB = "SELECT state, store_id, attempts, max_attempts FROM jobs WHERE id = $1 FOR UPDATE";

  /** A step is also a sign of life: it extends the lease. */
  static final String ADD_STEP_IF_RUNNING = """
      WITH job AS (
        UPDATE jobs SET lease_expires_at = now() + interval '15 minutes', updated_at = now()
         WHERE id = $1 AND state = 'running' RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, $2 FROM job""";

  static final String JOB_STATE = "SELECT state FROM jobs WHERE id = $1";

  static final String CAPTURED = "SELECT token_enc FROM captured_tokens WHERE job_id = $1";

  static final String CAPTURE = """
      INSERT INTO captured_tokens (job_id, store_id, token_enc) VALUES ($1, $2, $3)
      ON CONFLICT (job_id) DO NOTHING""";

  static final String FAIL = """
      UPDATE jobs SET state = $2, error_code = $3, error_message = $4, available_at = $5,
                      claimed_by = NULL, lease_expires_at = NULL, updated_at = now()
       WHERE id = $1 AND state = 'running'""";
}
