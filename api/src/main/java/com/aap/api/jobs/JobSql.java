package com.aap.api.jobs;

/** The jobs feature's SQL besides the lifecycle's, which is all in {@link JobStore}. */
final class JobSql {

  private JobSql() {
  }

  static final String STORE_AUTHORIZATION = "SELECT agency_signed_on, token_verified_at FROM stores WHERE id = $1";

  static final String IDEMPOTENT_ANSWER = "SELECT status, response FROM idempotency_keys WHERE store_id = $1 AND key = $2";

  static final String REMEMBER_ANSWER = """
      INSERT INTO idempotency_keys (store_id, key, status, response) VALUES ($1, $2, $3, $4)
      ON CONFLICT (store_id, key) DO NOTHING""";

  static final String SCREENSHOT = "SELECT png FROM job_screenshots WHERE job_id = $1";
}
