-- Sign-in, API keys, batches and the audit trail. Session ids and API keys are stored only as SHA-256
-- digests (both are 256-bit random values); passwords only as PBKDF2 hashes.

CREATE TABLE accounts (
  id             uuid PRIMARY KEY,
  email          text NOT NULL UNIQUE,
  role           text NOT NULL CHECK (role IN ('specialist', 'admin')),
  password_hash  text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sessions (
  id_sha256     bytea PRIMARY KEY,
  account_id    uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  created_at    timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE api_keys (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  role         text NOT NULL CHECK (role IN ('specialist', 'admin')),
  key_sha256   bytea NOT NULL UNIQUE,
  last4        text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);

-- Actors are recorded by name (an account's email, or "api-key NAME") so entries outlive accounts.
CREATE TABLE audit_log (
  id       bigserial PRIMARY KEY,
  at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor    text NOT NULL,
  action   text NOT NULL,
  target   text NOT NULL,
  detail   jsonb
);
CREATE INDEX audit_log_by_target ON audit_log (target, id);

CREATE TABLE batches (
  id           uuid PRIMARY KEY,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  total_rows   int NOT NULL,
  bad_rows     jsonb NOT NULL DEFAULT '[]'
);

CREATE TABLE batch_rows (
  batch_id     uuid NOT NULL REFERENCES batches (id) ON DELETE CASCADE,
  row_number   int NOT NULL,
  store_id     text NOT NULL REFERENCES stores (id),
  job_id       uuid NOT NULL REFERENCES jobs (id),
  PRIMARY KEY (batch_id, row_number)
);
CREATE INDEX batch_rows_by_job ON batch_rows (job_id);
