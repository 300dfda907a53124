-- Secrets (passwords, TOTP secrets, tokens) are stored only as Tink AEAD ciphertext whose associated
-- data names the row (see com.aap.api.vault.Vault).

CREATE TABLE cj_logins (
  id                 uuid PRIMARY KEY,
  email              text NOT NULL,
  password_enc       bytea NOT NULL,
  totp_secret_enc    bytea,
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stores (
  id                       text PRIMARY KEY,
  name                     text NOT NULL,
  cj_company_id            text NOT NULL,
  cj_login_id              uuid NOT NULL REFERENCES cj_logins (id),
  agency_signed_on         date,
  agency_reference         text,
  token_enc                bytea,
  token_last4              text,
  token_name               text,
  token_verified_at        timestamptz,
  created_at               timestamptz NOT NULL DEFAULT now(),
  CHECK ((agency_signed_on IS NULL) = (agency_reference IS NULL))
);

CREATE TABLE jobs (
  id                uuid PRIMARY KEY,
  store_id          text NOT NULL REFERENCES stores (id),
  token_name        text NOT NULL,
  state             text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'needs_attention')),
  attempts          int NOT NULL DEFAULT 0,
  max_attempts      int NOT NULL,
  available_at      timestamptz NOT NULL DEFAULT now(),
  claimed_by        text,
  claimed_at        timestamptz,
  lease_expires_at  timestamptz,
  error_code        text,
  error_message     text,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);

-- At most one active job per store: provisioning twice returns the same job.
CREATE UNIQUE INDEX jobs_one_active_per_store ON jobs (store_id) WHERE state IN ('queued', 'running');
CREATE INDEX jobs_claimable ON jobs (created_at) WHERE state = 'queued';
CREATE INDEX jobs_by_store ON jobs (store_id, created_at);

CREATE TABLE job_steps (
  id      bigserial PRIMARY KEY,
  job_id  uuid NOT NULL REFERENCES jobs (id),
  name    text NOT NULL,
  at      timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX job_steps_by_job ON job_steps (job_id, id);

-- The durable hand-over: the first token for a job, encrypted, before the agent is answered.
CREATE TABLE captured_tokens (
  job_id       uuid PRIMARY KEY REFERENCES jobs (id),
  store_id     text NOT NULL REFERENCES stores (id),
  token_enc    bytea NOT NULL,
  captured_at  timestamptz NOT NULL DEFAULT now(),
  verified_at  timestamptz
);
CREATE INDEX captured_tokens_unverified ON captured_tokens (captured_at) WHERE verified_at IS NULL;

CREATE TABLE commissions (
  store_id             text NOT NULL REFERENCES stores (id),
  commission_id        text NOT NULL,
  original_action_id   text,
  original             boolean,
  posting_date         timestamptz,
  action_status        text,
  validation_status    text,
  order_id             text,
  sale_amount          numeric(19, 4),
  commission_amount    numeric(19, 4),
  cj_fee               numeric(19, 4),
  record               jsonb NOT NULL,
  retrieved_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (store_id, commission_id)
);
CREATE INDEX commissions_by_action ON commissions (store_id, original_action_id);

CREATE TABLE commission_retrievals (
  id           bigserial PRIMARY KEY,
  store_id     text NOT NULL REFERENCES stores (id),
  job_id       uuid REFERENCES jobs (id),
  state        text NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
  since        timestamptz,
  before       timestamptz,
  pages        int NOT NULL DEFAULT 0,
  records      int NOT NULL DEFAULT 0,
  inserted     int NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  started_at   timestamptz,
  finished_at  timestamptz,
  error        text
);
CREATE INDEX commission_retrievals_queued ON commission_retrievals (id) WHERE state = 'queued';
