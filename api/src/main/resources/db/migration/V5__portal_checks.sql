-- Portal checks (issue 9): a job of its own kind that walks CJ's portal with a store's CJ login and
-- reports, per element, whether it was found and by which candidate. Without `register` it stops before
-- REGISTER and leaves the store's token alone; with it, it registers a real token for the store, handed
-- over and verified as provisioning does.

ALTER TABLE jobs ADD COLUMN kind text NOT NULL DEFAULT 'provision'
  CHECK (kind IN ('provision', 'portal_check'));
ALTER TABLE jobs ADD COLUMN register boolean NOT NULL DEFAULT false;
ALTER TABLE jobs ADD CONSTRAINT jobs_register_only_for_checks CHECK (kind = 'portal_check' OR NOT register);

-- One active job per store that may register a token (provisioning, or a check with register); checks
-- that only look have their own: one at a time per store, and they never hold up provisioning.
DROP INDEX jobs_one_active_per_store;
CREATE UNIQUE INDEX jobs_one_active_per_store ON jobs (store_id)
  WHERE state IN ('queued', 'running') AND (kind = 'provision' OR register);
CREATE UNIQUE INDEX jobs_one_active_look_per_store ON jobs (store_id)
  WHERE state IN ('queued', 'running') AND kind = 'portal_check' AND NOT register;

-- What the agent saw: the report without its screenshots (jsonb), the latest per job.
CREATE TABLE portal_check_reports (
  job_id       uuid PRIMARY KEY REFERENCES jobs (id),
  ok           boolean NOT NULL,
  report       jsonb NOT NULL,
  reported_at  timestamptz NOT NULL DEFAULT now()
);

-- The masked screenshots of a report, numbered by the element they belong to (1 = the first element).
CREATE TABLE portal_check_screenshots (
  job_id  uuid NOT NULL REFERENCES jobs (id),
  n       int NOT NULL,
  png     bytea NOT NULL,
  PRIMARY KEY (job_id, n)
);
