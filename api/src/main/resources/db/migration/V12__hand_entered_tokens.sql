-- Store Settings (issue 15): a token a person enters by hand, verified with CJ, becomes the store's current
-- token without a job. It is told apart from a job's by who entered it and when; the time orders it against
-- jobs (the newer wins, see VerificationSql.LOCK_STORE). A hand-entered token that is replaced is listed for
-- revocation without a job.

ALTER TABLE stores ADD COLUMN token_entered_by text;
ALTER TABLE stores ADD COLUMN token_entered_at timestamptz;
ALTER TABLE stores ADD CONSTRAINT stores_token_from_a_job_or_a_person
  CHECK (token_job_id IS NULL OR token_entered_at IS NULL);

ALTER TABLE possibly_orphaned_tokens ALTER COLUMN job_id DROP NOT NULL;
