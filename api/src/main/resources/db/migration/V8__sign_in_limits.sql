-- Failed sign-ins per email address, so an account's lockout holds on every API instance. Kept for any
-- address typed, known or not, so a lockout says nothing about which accounts exist; by the SHA-256 of the
-- lower-cased address, so a password typed into the email box is not kept. A row counts the failures of
-- one window (SIGN_IN_LOCKOUT_MINUTES from its first failure); locked_until is set when they reach
-- SIGN_IN_MAX_FAILURES. Rows whose window and lockout have both passed are swept.

CREATE TABLE sign_in_failures (
  email_sha256    bytea PRIMARY KEY,
  failures        int NOT NULL CHECK (failures >= 0),
  window_started  timestamptz NOT NULL,
  locked_until    timestamptz
);
CREATE INDEX sign_in_failures_by_window ON sign_in_failures (window_started);
