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

  static final String ACTIVE = """
      SELECT id, state FROM jobs WHERE store_id = $1 AND state IN ('queued', 'running')""";

  static final String FIND = """
      SELECT id, store_id, state, attempts, token_name, error_code, error_message FROM jobs WHERE id = $1""";

  static final String STEPS = "SELECT name, at FROM job_steps WHERE job_id = $1 ORDER BY id";
}
