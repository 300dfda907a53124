-- Live take-over (issue 11): a job whose sign-in met a page the agent cannot pass waits for a person in
-- state 'waiting_for_person', still under its agent's lease and still holding its CJ login's sign-in slot.
-- The reason is the job's error code and message meanwhile (cleared when it runs again).

ALTER TABLE jobs DROP CONSTRAINT jobs_state_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_state_check
  CHECK (state IN ('queued', 'running', 'waiting_for_person', 'succeeded', 'failed', 'needs_attention', 'cancelled'));

-- A waiting job is active: still the store's one job, still holding the sign-in slot, still leased.
DROP INDEX jobs_one_active_per_store;
CREATE UNIQUE INDEX jobs_one_active_per_store ON jobs (store_id)
  WHERE state IN ('queued', 'running', 'waiting_for_person') AND (kind = 'provision' OR register);
DROP INDEX jobs_one_active_look_per_store;
CREATE UNIQUE INDEX jobs_one_active_look_per_store ON jobs (store_id)
  WHERE state IN ('queued', 'running', 'waiting_for_person') AND kind = 'portal_check' AND NOT register;
DROP INDEX jobs_one_sign_in_per_login;
CREATE UNIQUE INDEX jobs_one_sign_in_per_login ON jobs (signing_in_login)
  WHERE state IN ('running', 'waiting_for_person');
DROP INDEX jobs_leased;
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE state IN ('running', 'waiting_for_person');
