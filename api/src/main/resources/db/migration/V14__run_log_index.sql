-- The sync's run log is kept to its last SYNC_LOG_DAYS days (RunLog): this index finds the runs that ended
-- before then without reading the whole log, which grows by a row per store per sync.
CREATE INDEX commission_retrievals_finished ON commission_retrievals (finished_at) WHERE finished_at IS NOT NULL;
