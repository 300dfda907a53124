-- Token custody (issue 10): a store remembers the job that produced its current token; replacing a
-- verified token is asked for explicitly; tokens listed for revocation stay listed until a person marks
-- them revoked; a token CJ refuses is tried again for a while before the job gives up on it.

-- The job whose token is the store's current one (null: none, or set before this migration).
ALTER TABLE stores ADD COLUMN token_job_id uuid REFERENCES jobs (id);

-- A job asked to replace the store's verified token (provisioning with {"replace": true}).
ALTER TABLE jobs ADD COLUMN replace boolean NOT NULL DEFAULT false;

-- A person revoked this token in CJ and said so.
ALTER TABLE possibly_orphaned_tokens ADD COLUMN revoked_at timestamptz;
ALTER TABLE possibly_orphaned_tokens ADD COLUMN revoked_by text;

-- Verification of a captured token: when CJ first refused it, and when to ask CJ again.
ALTER TABLE captured_tokens ADD COLUMN first_refused_at timestamptz;
ALTER TABLE captured_tokens ADD COLUMN next_check_at timestamptz;
