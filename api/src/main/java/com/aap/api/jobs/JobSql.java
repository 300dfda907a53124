package com.aap.api.jobs;

/** The jobs feature's SQL (provisioning and reading); the agent protocol's is in agentapi. */
final class JobSql {

  private JobSql() {
  }

  static final String STORE_AUTHORIZATION = "SELECT agency_signed_on FROM stores WHERE id = $1";

  /** Conflicts with the partial unique index when the store already has an active job. */
  static final String INSERT = """
      INSERT INTO jobs (id, store_id, token_name, state, max_attempts)
      VALUES ($1, $2, $3, 'queued', $4)
      ON CONFLICT DO NOTHING
      RETURNING id, state""";

  /** The store's active job that may register a token (a portal check that only looks is not one). */
  static final String ACTIVE = """
      SELECT id, state FROM jobs WHERE store_id = $1 AND state IN ('queued', 'running')
         AND (kind = 'provision' OR register)""";

  static final String FIND = """
      SELECT id, store_id, kind, register, state, attempts, token_name, error_code, error_message, error_step,
             EXISTS (SELECT 1 FROM job_screenshots p WHERE p.job_id = jobs.id) AS has_screenshot
        FROM jobs WHERE id = $1""";

  static final String IDEMPOTENT_ANSWER = "SELECT status, response FROM idempotency_keys WHERE store_id = $1 AND key = $2";

  static final String REMEMBER_ANSWER = """
      INSERT INTO idempotency_keys (store_id, key, status, response) VALUES ($1, $2, $3, $4)
      ON CONFLICT (store_id, key) DO NOTHING""";

  /** A fresh budget of attempts; a job whose token is already captured is finishing and cannot be retried. */
  static final String RETRY = """
      UPDATE jobs SET state = 'queued', max_attempts = attempts + $2, available_at = now(), error_code = NULL,
                      error_message = NULL, error_step = NULL, claimed_by = NULL, lease_expires_at = NULL,
                      updated_at = now()
       WHERE id = $1 AND state IN ('failed', 'needs_attention', 'cancelled')
         AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = jobs.id)""";

  /** Cancelling a running job also fences its agent out: its next step or heartbeat is refused. */
  static final String CANCEL = """
      UPDATE jobs SET state = 'cancelled', error_code = 'cancelled', error_message = 'cancelled by a specialist',
                      claimed_by = NULL, lease_expires_at = NULL, signing_in_login = NULL, updated_at = now()
       WHERE id = $1 AND state IN ('queued', 'running')
         AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = jobs.id)""";

  static final String STATE = """
      SELECT state, EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = jobs.id) AS has_token
        FROM jobs WHERE id = $1""";

  static final String SCREENSHOT = "SELECT png FROM job_screenshots WHERE job_id = $1";

  static final String STEPS = "SELECT name, at FROM job_steps WHERE job_id = $1 ORDER BY id";
}
