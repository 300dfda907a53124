-- Every API instance LISTENs on aap_jobs (jobs/JobSignals) and wakes its claim long-polls and batch
-- streams. A trigger, not each writer, sends it: whatever changes a job's state, on whichever instance,
-- notifies, and only when its transaction commits (NOTIFY is transactional), so a signal never precedes
-- the change it announces. Payload: '<job id> <state>', about 50 bytes; nothing secret.
CREATE FUNCTION notify_job_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('aap_jobs', NEW.id::text || ' ' || NEW.state);
  RETURN NULL;
END $$;

CREATE TRIGGER jobs_notify_changed AFTER INSERT OR UPDATE OF state ON jobs
  FOR EACH ROW EXECUTE FUNCTION notify_job_changed();
