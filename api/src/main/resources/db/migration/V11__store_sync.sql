-- Recurring commission sync (issue 12): one row per store with a token, claimed with FOR UPDATE SKIP LOCKED
-- under a lease the running instance renews; commission_retrievals becomes the log of its runs.

-- The store's policy: re-provision (replacing the old token) when CJ stops accepting its token.
ALTER TABLE stores ADD COLUMN auto_reprovision boolean NOT NULL DEFAULT true;

CREATE TABLE store_syncs (
  store_id              text PRIMARY KEY REFERENCES stores (id),
  -- when the next run is due; a moment of the interval fixed by the store's id, so stores spread out
  next_run_at           timestamptz NOT NULL,
  -- the end (posting date, exclusive) of the last run that succeeded; the next reads from it minus the lookback
  cursor_at             timestamptz,
  claimed_by            text,
  lease_expires_at      timestamptz,
  -- fencing: a run finishes only under the epoch it was claimed with
  lease_epoch           bigint NOT NULL DEFAULT 0,
  last_started_at       timestamptz,
  last_finished_at      timestamptz,
  last_outcome          text CHECK (last_outcome IN ('succeeded', 'failed', 'token_refused', 'no_company_access')),
  last_error            text,
  last_succeeded_at     timestamptz,
  consecutive_failures  int NOT NULL DEFAULT 0,
  records_held          bigint NOT NULL DEFAULT 0,
  token_health          text NOT NULL DEFAULT 'ok'
                        CHECK (token_health IN ('ok', 'refused', 'invalid', 'no_company_access')),
  token_health_since    timestamptz NOT NULL DEFAULT now(),
  first_refused_at      timestamptz,
  refusals              int NOT NULL DEFAULT 0,
  -- the re-provisioning job queued when the token became invalid
  reprovision_job_id    uuid REFERENCES jobs (id),
  reprovisioned_at      timestamptz
);
CREATE INDEX store_syncs_due ON store_syncs (next_run_at) WHERE token_health IN ('ok', 'refused');

-- One run per store and scheduled moment: an instance taking over a dead one's run counts a takeover.
ALTER TABLE commission_retrievals ADD COLUMN scheduled_for timestamptz;
ALTER TABLE commission_retrievals ADD COLUMN instance text;
ALTER TABLE commission_retrievals ADD COLUMN takeovers int NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX commission_retrievals_one_per_slot ON commission_retrievals (store_id, scheduled_for);
CREATE INDEX commission_retrievals_by_store ON commission_retrievals (store_id, id);

-- Stores that already have a verified token: synced from where their retrievals ended, spread over an hour;
-- a retrieval still queued or running becomes a sync due at once.
INSERT INTO store_syncs (store_id, next_run_at, cursor_at, records_held)
SELECT s.id,
       CASE WHEN EXISTS (SELECT 1 FROM commission_retrievals r WHERE r.store_id = s.id AND r.state IN ('queued', 'running'))
            THEN now() ELSE now() + ((hashtext(s.id) & 2147483647) % 3600) * interval '1 second' END,
       (SELECT max(r.before) FROM commission_retrievals r WHERE r.store_id = s.id AND r.state = 'succeeded'),
       (SELECT count(*) FROM commissions c WHERE c.store_id = s.id)
  FROM stores s WHERE s.token_verified_at IS NOT NULL;
UPDATE commission_retrievals SET state = 'failed', error = 'replaced by the recurring sync', finished_at = now()
 WHERE state IN ('queued', 'running');
