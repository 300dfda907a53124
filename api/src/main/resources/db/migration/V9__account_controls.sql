-- Admins can disable an account: it cannot sign in, and its sessions are refused from then on.
ALTER TABLE accounts ADD COLUMN disabled_at timestamptz;
