-- Crash safety (issue 3): leases fenced by an epoch, the registering checkpoint, one sign-in per CJ login,
-- cancelled jobs, possibly orphaned tokens, idempotent provisioning and failure screenshots.

ALTER TABLE jobs DROP CONSTRAINT jobs_state_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_state_check
  CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'needs_attention', 'cancelled'));

-- The fencing token: incremented by every claim; steps, heartbeats and failures must present it.
ALTER TABLE jobs ADD COLUMN lease_epoch bigint NOT NULL DEFAULT 0;
-- The checkpoint: the token name an attempt is about to register, and the epoch that recorded it.
ALTER TABLE jobs ADD COLUMN registering_name text;
ALTER TABLE jobs ADD COLUMN registering_epoch bigint;
ALTER TABLE jobs ADD COLUMN error_step text;
-- Set while the job's agent is signing in with this CJ login; cleared at signed_in.
ALTER TABLE jobs ADD COLUMN signing_in_login uuid REFERENCES cj_logins (id);

-- One sign-in at a time per CJ login: a second running job cannot take the same login.
CREATE UNIQUE INDEX jobs_one_sign_in_per_login ON jobs (signing_in_login) WHERE state = 'running';
CREATE INDEX jobs_leased ON jobs (lease_expires_at) WHERE state = 'running';

-- The name the token was registered under (the checkpoint's, when the agent brought it).
ALTER TABLE captured_tokens ADD COLUMN name text;
-- Set when CJ refused the token or answered the check oddly, so the sweep stops trying it.
ALTER TABLE captured_tokens ADD COLUMN verdict text;

-- Tokens that may exist in the customer's CJ account without being the store's: a person revokes them.
CREATE TABLE possibly_orphaned_tokens (
  id           bigserial PRIMARY KEY,
  store_id     text NOT NULL REFERENCES stores (id),
  job_id       uuid NOT NULL REFERENCES jobs (id),
  name         text NOT NULL,
  reason       text NOT NULL,
  -- a surplus token that was handed over after the job already had one: kept, encrypted
  token_enc    bytea,
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (job_id, name)
);
CREATE INDEX possibly_orphaned_tokens_by_store ON possibly_orphaned_tokens (store_id, id);

-- A job that ends without a token after its checkpoint may have left a token behind in CJ.
CREATE FUNCTION record_checkpoint_orphan() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.registering_name IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = NEW.id) THEN
    INSERT INTO possibly_orphaned_tokens (store_id, job_id, name, reason)
    VALUES (NEW.store_id, NEW.id, NEW.registering_name, 'job ended after its registering checkpoint')
    ON CONFLICT (job_id, name) DO NOTHING;
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER jobs_orphan_on_end AFTER UPDATE OF state ON jobs
  FOR EACH ROW WHEN (NEW.state IN ('failed', 'needs_attention', 'cancelled') AND OLD.state <> NEW.state)
  EXECUTE FUNCTION record_checkpoint_orphan();

-- Provisioning with an Idempotency-Key: the first answer, returned again on a repeat.
CREATE TABLE idempotency_keys (
  store_id     text NOT NULL REFERENCES stores (id),
  key          text NOT NULL,
  status       int NOT NULL,
  response     jsonb NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, key)
);

-- The masked screenshot an agent sent with a failure (the latest one per job).
CREATE TABLE job_screenshots (
  job_id       uuid PRIMARY KEY REFERENCES jobs (id),
  png          bytea NOT NULL,
  taken_at     timestamptz NOT NULL DEFAULT now()
);
