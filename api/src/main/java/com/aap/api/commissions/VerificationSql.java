package com.aap.api.commissions;

/** SQL of token verification; the job's moves are {@link com.aap.api.jobs.JobStore}'s. */
final class VerificationSql {

  private VerificationSql() {
  }

  /** Tokens due a look: never verified, not given up on, and not waiting for their next look. */
  static final String UNVERIFIED = """
      SELECT c.job_id FROM captured_tokens c
       WHERE c.verified_at IS NULL AND c.verdict IS NULL AND (c.next_check_at IS NULL OR c.next_check_at <= now())
       ORDER BY c.captured_at LIMIT 100""";

  static final String LOAD = """
      SELECT c.token_enc, c.store_id, s.cj_company_id, c.captured_at, c.first_refused_at,
             COALESCE(c.name, j.registering_name, j.token_name) AS token_name
        FROM captured_tokens c JOIN jobs j ON j.id = c.job_id JOIN stores s ON s.id = c.store_id
       WHERE c.job_id = $1 AND c.verified_at IS NULL AND c.verdict IS NULL""";

  /** CJ refused the token; when it first did, and when to ask again. */
  static final String REFUSED = "UPDATE captured_tokens SET first_refused_at = $2, next_check_at = $3 WHERE job_id = $1";

  /**
   * The store's current token, locked, and whether it is newer than job $2's: produced by a job
   * ({@code token_job_id}) created after it, or entered by hand after it was created. Null when the store
   * has no token, or it is the same job's.
   */
  static final String LOCK_STORE = """
      SELECT s.token_enc, s.token_name, s.token_job_id,
             (SELECT CASE WHEN s.token_entered_at IS NOT NULL THEN s.token_entered_at > mine.created_at
                          WHEN cur.id <> mine.id THEN cur.created_at > mine.created_at END
                FROM jobs mine LEFT JOIN jobs cur ON cur.id = s.token_job_id WHERE mine.id = $2) AS newer_token
        FROM stores s WHERE s.id = $1 FOR UPDATE OF s""";

  static final String STORE_TOKEN = """
      UPDATE stores SET token_enc = $2, token_last4 = $3, token_name = $4, token_verified_at = now(), token_job_id = $5,
                        token_entered_by = NULL, token_entered_at = NULL
       WHERE id = $1""";

  static final String TOKEN_VERIFIED = """
      UPDATE captured_tokens SET verified_at = now() WHERE job_id = $1 AND verified_at IS NULL""";

  /**
   * The job's own name is no longer a possible orphan once its token is the store's. Only the same job's
   * entry: another job's entry under the same (default) name may be a token CJ really issued.
   */
  static final String NOT_ORPHANED = "DELETE FROM possibly_orphaned_tokens WHERE job_id = $1 AND name = $2 AND token_enc IS NULL";


  /** The job's token is taken off it (it is listed for revocation): a retried attempt's token becomes the job's. */
  static final String FORGET_CAPTURED = "DELETE FROM captured_tokens WHERE job_id = $1";
}
