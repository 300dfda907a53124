-- Agent identity (issue 10): agents are registered like API keys, named, created and revoked by admins,
-- and stored only as SHA-256 digests of 256-bit random values. Every agent request looks its key up, so a
-- revoked key is refused on its next request. Two active keys never share a name: the audit log names the
-- key that received a CJ login's credentials.
CREATE TABLE agent_keys (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  key_sha256   bytea NOT NULL UNIQUE,
  last4        text NOT NULL,
  created_by   text NOT NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  revoked_at   timestamptz
);
CREATE UNIQUE INDEX agent_keys_one_active_name ON agent_keys (name) WHERE revoked_at IS NULL;
