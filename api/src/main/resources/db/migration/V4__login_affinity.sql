-- Batch throughput (issue 5): an agent keeps a signed-in CJ session per login, so a login's jobs go
-- to the claimant that holds its session, and to no other while that claim is fresh. One row per
-- login: who holds it and until when (renewed by every claim of one of its jobs).
CREATE TABLE login_owners (
  cj_login_id  uuid PRIMARY KEY REFERENCES cj_logins (id),
  owner        text NOT NULL,
  expires_at   timestamptz NOT NULL
);
