package com.aap.api.jobs;

import com.aap.api.JobSettings;
import com.aap.api.http.ApiException;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.FailureKind;
import com.aap.protocol.JobKind;
import com.aap.protocol.JobState;
import com.aap.protocol.Refusal;
import com.aap.protocol.Step;
import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The job lifecycle: every statement that writes {@code jobs} or {@code job_steps} is here, one method per
 * {@link Transition}, after db-scheduler's {@code JdbcTaskRepository}. Each statement moves a job only from
 * the transition's from-states (bound into its {@code WHERE}) and, for an agent's calls, only under the
 * lease it presents; a statement that changed nothing is refused here, in {@link #refuse}, with one error.
 * Callers choose the connection: a transition inside a caller's transaction commits or rolls back with it.
 *
 * <p>One rule stays in PostgreSQL: the trigger {@code jobs_orphan_on_end} (V2 migration) lists a job's
 * checkpoint name as a possibly orphaned token whenever the job ends failed, needs_attention or cancelled
 * without a captured token. It is kept as a trigger on purpose: it must hold for every way a job ends,
 * including an operator's hand-written SQL during an incident, and a token CJ may have issued is the
 * one thing this product must never forget.
 */
public final class JobStore {

  private static final String CLEAR_LEASE = "claimed_by = NULL, lease_expires_at = NULL, signing_in_login = NULL";
  private static final String FENCED = "id = $1 AND state = 'running' AND lease_epoch = $2";

  /** Fenced by the lease, from the transition's from-states given as parameter {@code $n}. */
  private static String fencedFrom(int n) {
    return "id = $1 AND lease_epoch = $2 AND state = ANY($" + n + ")";
  }

  /**
   * Ends an {@code INSERT INTO job_steps}: each step's name and the seconds since the job's previous step
   * (the statement's own rows are not yet visible to its subquery), for the {@link StepClock}.
   */
  private static final String TIMED = " RETURNING name, extract(epoch FROM at - (SELECT max(p.at) FROM job_steps p"
      + " WHERE p.job_id = job_steps.job_id))::float8 AS seconds";

  private final JobSettings settings;
  private final StepClock clock;

  public JobStore(JobSettings settings) {
    this(settings, StepClock.NONE);
  }

  public JobStore(JobSettings settings, StepClock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  // ---- queue ----------------------------------------------------------------------------------------------

  /**
   * A job to queue; {@code register} only for a portal check (a provisioning job always registers);
   * {@code replace}: the store's verified token may be replaced (it is then listed for revocation).
   */
  public record NewJob(String storeId, String tokenName, JobKind kind, boolean register, boolean replace) {

    public static NewJob provision(String storeId, String tokenName, boolean replace) {
      return new NewJob(storeId, tokenName, JobKind.PROVISION, false, replace);
    }

    /** Jobs that may register a token share one slot per store; checks that only look have their own. */
    boolean mayRegister() {
      return mayRegister(kind, register);
    }

    static boolean mayRegister(JobKind kind, boolean register) {
      return kind == JobKind.PROVISION || register;
    }
  }

  /** The store's job after queuing: the new one ({@code created}), or the active job it already had. */
  public record Queued(String storeId, UUID jobId, JobState state, JobKind kind, boolean created) {
  }

  private static final String QUEUE = """
      INSERT INTO jobs (id, store_id, token_name, state, max_attempts, kind, register, replace)
      SELECT j.id, j.store_id, j.token_name, 'queued', $4, j.kind, j.register, j.replace
        FROM unnest($1::uuid[], $2::text[], $3::text[], $5::text[], $6::bool[], $7::bool[])
             AS j (id, store_id, token_name, kind, register, replace)
      ON CONFLICT DO NOTHING
      RETURNING id, store_id""";

  private static final String ACTIVE = """
      SELECT id, store_id, state, kind, register FROM jobs WHERE store_id = ANY($1) AND state IN ('queued', 'running')""";

  private static final String QUEUED_STEPS = """
      INSERT INTO job_steps (job_id, name) SELECT id, 'queued' FROM unnest($1::uuid[]) AS j (id)""";

  /**
   * Queues one job per store, single or batch alike, in three statements whatever their number. A store
   * that already has an active job of the same class (the partial unique indexes keep one) gets that job
   * back instead; a store whose job ended in between gets none (the caller says "try again").
   */
  public Future<List<Queued>> queue(SqlConnection conn, List<NewJob> jobs) {
    UUID[] ids = new UUID[jobs.size()];
    for (int i = 0; i < ids.length; i++) ids[i] = UUID.randomUUID();
    String[] stores = jobs.stream().map(NewJob::storeId).toArray(String[]::new);
    Tuple params = Tuple.of(ids, stores, jobs.stream().map(NewJob::tokenName).toArray(String[]::new),
        settings.maxAttempts(), jobs.stream().map(j -> j.kind().wire()).toArray(String[]::new),
        jobs.stream().map(NewJob::register).toArray(Boolean[]::new),
        jobs.stream().map(NewJob::replace).toArray(Boolean[]::new));
    Map<UUID, NewJob> byId = new HashMap<>();
    for (int i = 0; i < ids.length; i++) byId.put(ids[i], jobs.get(i));
    List<Queued> queued = new ArrayList<>();
    return conn.preparedQuery(QUEUE).execute(params).compose(inserted -> {
      for (Row row : inserted) {
        NewJob job = byId.get(row.getUUID("id"));
        queued.add(new Queued(job.storeId(), row.getUUID("id"), JobState.QUEUED, job.kind(), true));
      }
      UUID[] created = queued.stream().map(Queued::jobId).toArray(UUID[]::new);
      Future<?> steps = created.length == 0 ? Future.succeededFuture()
          : conn.preparedQuery(QUEUED_STEPS).execute(Tuple.of((Object) created));
      if (queued.size() == jobs.size()) return steps.map(queued);
      return steps.compose(v -> conn.preparedQuery(ACTIVE).execute(Tuple.of((Object) stores)))
          .map(active -> withActive(jobs, queued, active));
    });
  }

  private static List<Queued> withActive(List<NewJob> jobs, List<Queued> queued, RowSet<Row> activeRows) {
    Set<String> created = queued.stream().map(Queued::storeId).collect(Collectors.toSet());
    Map<String, List<Row>> active = new HashMap<>();
    activeRows.forEach(row -> active.computeIfAbsent(row.getString("store_id"), k -> new ArrayList<>()).add(row));
    for (NewJob job : jobs) {
      if (created.contains(job.storeId())) continue;
      active.getOrDefault(job.storeId(), List.of()).stream()
          .filter(row -> NewJob.mayRegister(JobKind.of(row.getString("kind")), row.getBoolean("register"))
              == job.mayRegister())
          .findFirst()
          .ifPresent(row -> queued.add(new Queued(job.storeId(), row.getUUID("id"), JobState.of(row.getString("state")),
              JobKind.of(row.getString("kind")), false)));
    }
    return queued;
  }

  // ---- the agent's claim ----------------------------------------------------------------------------------

  /** Who claims, for whom, which CJ logins it has sessions for (their jobs first), and how many jobs at most. */
  public record ClaimRequest(String agentId, String holder, UUID[] heldLogins, int max) {
  }

  /**
   * Claims up to $4 jobs of one CJ login: the best claimable job, then that login's next queued jobs,
   * so an agent runs several of them one after another in the session it signs in once. A job whose
   * token is already captured is never claimed again: it must not touch the browser. Jobs of a CJ login
   * held by another holder ($5, the claimant's agent) are left to it; jobs of the logins this claimant
   * already holds a session for ($3, the one it used last first) come first, so it stays with one login;
   * a claimant without a session for any queued login takes the login with the fewest running jobs, so
   * an agent's workers spread over its logins and share one only when no other is left (each sharing
   * worker signs in once more).
   */
  private static final String CLAIM = """
      WITH busy AS (
        SELECT s.cj_login_id, count(*) AS running FROM jobs j JOIN stores s ON s.id = j.store_id
         WHERE j.state IN ('running', 'waiting_for_person') GROUP BY s.cj_login_id),
      first AS (
        SELECT j.id, s.cj_login_id FROM jobs j JOIN stores s ON s.id = j.store_id
          LEFT JOIN busy b ON b.cj_login_id = s.cj_login_id
         WHERE j.state = ANY($6) AND j.available_at <= now()
           AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = j.id)
           AND NOT EXISTS (SELECT 1 FROM login_owners o WHERE o.cj_login_id = s.cj_login_id
                              AND o.owner <> $5 AND o.expires_at > now())
         ORDER BY array_position($3::uuid[], s.cj_login_id) NULLS LAST, coalesce(b.running, 0), j.created_at
         FOR UPDATE OF j SKIP LOCKED LIMIT 1),
      batch AS (
        SELECT j.id FROM jobs j JOIN stores s ON s.id = j.store_id JOIN first f ON s.cj_login_id = f.cj_login_id
         WHERE j.state = ANY($6) AND j.available_at <= now()
           AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = j.id)
         ORDER BY (j.id = f.id) DESC, j.created_at
         FOR UPDATE OF j SKIP LOCKED LIMIT $4)
      UPDATE jobs SET state = 'running', attempts = attempts + 1, claimed_by = $1, claimed_at = now(),
                      lease_epoch = lease_epoch + 1, lease_expires_at = now() + ($2::int * interval '1 second'),
                      signing_in_login = NULL, updated_at = now()
       WHERE id IN (SELECT id FROM batch)
      RETURNING id, store_id, token_name, attempts, lease_epoch, created_at, kind, register""";

  private static final String CLAIMED_STEPS = """
      INSERT INTO job_steps (job_id, name) SELECT id, 'claimed' FROM unnest($1::uuid[]) AS j (id)""" + TIMED;

  /** {@link Transition#CLAIM}: the claimed jobs' rows, oldest first (empty when there was none to claim). */
  public Future<List<Row>> claim(SqlConnection conn, ClaimRequest request) {
    Tuple params = Tuple.of(request.agentId(), settings.leaseSeconds(), request.heldLogins(), request.max(),
        request.holder(), Transition.CLAIM.fromParam());
    return conn.preparedQuery(CLAIM).execute(params).compose(claimed -> {
      List<Row> jobs = new ArrayList<>();
      claimed.forEach(jobs::add);
      jobs.sort(Comparator.comparing((Row job) -> job.getOffsetDateTime("created_at")));
      if (jobs.isEmpty()) return Future.succeededFuture(jobs);
      UUID[] ids = jobs.stream().map(job -> job.getUUID("id")).toArray(UUID[]::new);
      return conn.preparedQuery(CLAIMED_STEPS).execute(Tuple.of((Object) ids)).map(steps -> {
        timed(steps);
        return jobs;
      });
    });
  }

  private static final String RELEASE = """
      UPDATE jobs SET state = 'queued', attempts = attempts - 1, claimed_by = NULL, claimed_at = NULL,
                      lease_expires_at = NULL, updated_at = now()
       WHERE""" + " " + FENCED;

  /** {@link Transition#RELEASE}: puts back a job whose claimant went away before it could be told. */
  public Future<Void> release(SqlClient db, UUID id, long lease) {
    return fenced(db, Transition.RELEASE, RELEASE, Tuple.of(id, lease), id, lease);
  }

  // ---- the agent's reports, each fenced by the lease -------------------------------------------------------

  private static final String HEARTBEAT = """
      UPDATE jobs SET lease_expires_at = now() + ($3::int * interval '1 second'), updated_at = now()
       WHERE""" + " " + fencedFrom(4);

  /** {@link Transition#HEARTBEAT}: renews the lease, of a running job or one waiting for a person. */
  public Future<Void> heartbeat(SqlClient db, UUID id, long lease) {
    return fenced(db, Transition.HEARTBEAT, HEARTBEAT,
        Tuple.of(id, lease, settings.leaseSeconds(), Transition.HEARTBEAT.fromParam()), id, lease);
  }

  /**
   * A step renews the lease too. The sign-in slot is {@code signing_in_login}: the unique index
   * jobs_one_sign_in_per_login refuses a second running job with the same CJ login (23505).
   */
  private static final String STEP = """
      WITH job AS (
        UPDATE jobs SET lease_expires_at = now() + ($4::int * interval '1 second'), updated_at = now(),
                        signing_in_login = CASE WHEN $5::boolean THEN (SELECT s.cj_login_id FROM stores s WHERE s.id = jobs.store_id) END
         WHERE""" + " " + FENCED + """
       RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, $3 FROM job""" + TIMED;

  /** {@link Transition#PROGRESS}: records an agent's progress step and gives the CJ login's sign-in slot back. */
  public Future<Void> progress(SqlClient db, UUID id, long lease, Step step) {
    return fenced(db, Transition.PROGRESS, STEP, Tuple.of(id, lease, step.wire(), settings.leaseSeconds(), false),
        id, lease);
  }

  /** {@link Transition#TAKE_SIGN_IN_SLOT}: 409 {@code sign_in_busy} while another running job of the login holds it. */
  public Future<Void> takeSignInSlot(SqlClient db, UUID id, long lease) {
    return fenced(db, Transition.TAKE_SIGN_IN_SLOT, STEP,
        Tuple.of(id, lease, Step.SIGNING_IN.wire(), settings.leaseSeconds(), true), id, lease)
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiException.conflict(Refusal.SIGN_IN_BUSY.wire(),
                "another job is signing in with this CJ login; try again shortly")
            : e));
  }

  /** The job's row, locked for the rest of the caller's transaction. */
  public record LockedJob(UUID id, JobState state, String storeId, int attempts, int maxAttempts, long lease,
                          String tokenName, String registeringName, Long registeringLease, JobKind kind,
                          boolean register) {

    public boolean isRunningUnder(long presented) {
      return state == JobState.RUNNING && lease == presented;
    }

    /** Running, or waiting for a person, under the lease presented: the agent still holds it. */
    public boolean isHeldUnder(long presented) {
      return (state == JobState.RUNNING || state == JobState.WAITING_FOR_PERSON) && lease == presented;
    }

    public boolean isPortalCheck() {
      return kind == JobKind.PORTAL_CHECK;
    }

    /** A portal check that walks up to Register and stops there. */
    public boolean looksOnly() {
      return isPortalCheck() && !register;
    }
  }

  private static final String LOCK = """
      SELECT state, store_id, attempts, max_attempts, lease_epoch, token_name, registering_name, registering_epoch,
             kind, register
        FROM jobs WHERE id = $1 FOR UPDATE""";

  /** Locks the job's row for the caller's transaction; 404 when there is no such job. */
  public Future<LockedJob> lock(SqlConnection conn, UUID id) {
    return conn.preparedQuery(LOCK).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("job " + id);
      Row row = rows.iterator().next();
      return new LockedJob(id, JobState.of(row.getString("state")), row.getString("store_id"), row.getInteger("attempts"),
          row.getInteger("max_attempts"), row.getLong("lease_epoch"), row.getString("token_name"),
          row.getString("registering_name"), row.getLong("registering_epoch"), JobKind.of(row.getString("kind")),
          row.getBoolean("register"));
    });
  }

  /**
   * The answer to a fenced call refused: {@code lease_lost} when another lease holds the job, else
   * {@code job_not_running} (ended, or not in a state the call is for: a progress step while it waits for a person).
   */
  public static ApiException leaseLost(UUID id, JobState state, long current, long presented) {
    boolean held = state == JobState.RUNNING || state == JobState.WAITING_FOR_PERSON;
    if (!held || current == presented) {
      return ApiException.conflict(Refusal.JOB_NOT_RUNNING.wire(), "job " + id + " is " + state);
    }
    return ApiException.conflict(Refusal.LEASE_LOST.wire(), "job " + id + " is held under lease " + current
        + ", not " + presented + "; stop working on it");
  }

  private static final String CHECKPOINT = """
      WITH job AS (
        UPDATE jobs SET registering_name = $3, registering_epoch = $2, signing_in_login = NULL,
                        lease_expires_at = now() + ($4::int * interval '1 second'), updated_at = now()
         WHERE""" + " " + FENCED + """
       RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, 'registering' FROM job""" + TIMED;

  /** {@link Transition#CHECKPOINT}: the name the attempt registers, recorded before Register is clicked. */
  public Future<Void> checkpoint(SqlConnection conn, UUID id, long lease, String name) {
    return fenced(conn, Transition.CHECKPOINT, CHECKPOINT, Tuple.of(id, lease, name, settings.leaseSeconds()), id, lease);
  }

  private static final String FAIL = """
      UPDATE jobs SET state = $3, error_code = $4, error_message = $5, available_at = $6, error_step = $7,
                      updated_at = now(),""" + " " + CLEAR_LEASE + """

       WHERE""" + " " + fencedFrom(8);

  /**
   * A failure the agent reported under its lease, or a portal check's report that failed: by the code's
   * kind, {@link Transition#FAIL_PERMANENTLY}, {@link Transition#NEEDS_ATTENTION} or
   * {@link Transition#FAIL_TRANSIENTLY} (queued again after {@link Backoff}, or failed once out of attempts).
   * {@code code} is the agent's, as reported. Returns the state the job moved to.
   */
  public Future<JobState> fail(SqlConnection conn, LockedJob job, long lease, ErrorCode code, String message, Step step) {
    Transition transition = switch (code.kind()) {
      case PERMANENT -> Transition.FAIL_PERMANENTLY;
      case UNEXPECTED -> Transition.NEEDS_ATTENTION;
      case TRANSIENT -> Transition.FAIL_TRANSIENTLY;
    };
    JobState state = transition == Transition.FAIL_TRANSIENTLY && job.attempts() >= job.maxAttempts() ? JobState.FAILED
        : code.kind().leadsTo();
    OffsetDateTime availableAt = OffsetDateTime.now(ZoneOffset.UTC);
    if (state == JobState.QUEUED) {
      availableAt = availableAt.plus(Backoff.afterAttempt(job.attempts(), settings.backoffBaseMillis()));
    }
    Tuple params = Tuple.of(job.id(), lease, state.wire(), code.wire(), message, availableAt,
        step == null ? null : step.wire(), transition.fromParam());
    return fenced(conn, transition, FAIL, params, job.id(), lease).map(state);
  }

  /**
   * {@link Transition#FAIL_PERMANENTLY} for a portal check that reported elements missing, or was to register
   * and brought no token: a check ends failed whatever its code's kind (it is not retried by itself).
   */
  public Future<JobState> failCheck(SqlConnection conn, LockedJob job, long lease, ErrorCode code, String message,
                                    Step step) {
    Tuple params = Tuple.of(job.id(), lease, JobState.FAILED.wire(), code.wire(), message,
        OffsetDateTime.now(ZoneOffset.UTC), step == null ? null : step.wire(), Transition.FAIL_PERMANENTLY.fromParam());
    return fenced(conn, Transition.FAIL_PERMANENTLY, FAIL, params, job.id(), lease).map(JobState.FAILED);
  }

  private static final String WAIT_FOR_PERSON = """
      WITH job AS (
        UPDATE jobs SET state = 'waiting_for_person', error_code = $4, error_message = $5, error_step = $6,
                        lease_expires_at = now() + ($7::int * interval '1 second'), updated_at = now()
         WHERE""" + " " + fencedFrom(3) + """
       RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, 'waiting_for_person' FROM job""";

  /**
   * {@link Transition#WAIT_FOR_PERSON}: the job keeps its lease and its CJ login's sign-in slot; {@code code} and
   * {@code message} say why, as the job's error, until it runs again.
   */
  public Future<Void> waitForPerson(SqlClient db, UUID id, long lease, ErrorCode code, String message, Step step) {
    Tuple params = Tuple.of(id, lease, Transition.WAIT_FOR_PERSON.fromParam(), code.wire(), message,
        step == null ? null : step.wire(), settings.leaseSeconds());
    return fenced(db, Transition.WAIT_FOR_PERSON, WAIT_FOR_PERSON, params, id, lease);
  }

  private static final String RESUME = """
      UPDATE jobs SET state = 'running', error_code = NULL, error_message = NULL, error_step = NULL,
                      lease_expires_at = now() + ($4::int * interval '1 second'), updated_at = now()
       WHERE""" + " " + fencedFrom(3);

  /** {@link Transition#RESUME}: the page the agent waited on is passed; the job runs again, slot still held. */
  public Future<Void> resume(SqlClient db, UUID id, long lease) {
    return fenced(db, Transition.RESUME, RESUME,
        Tuple.of(id, lease, Transition.RESUME.fromParam(), settings.leaseSeconds()), id, lease);
  }

  private static final String SUCCEED_CHECK = """
      WITH job AS (
        UPDATE jobs SET state = 'succeeded', error_code = NULL, error_message = NULL, error_step = NULL,
                        updated_at = now(),""" + " " + CLEAR_LEASE + """

         WHERE""" + " " + FENCED + """
       RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, 'succeeded' FROM job""";

  /** {@link Transition#SUCCEED_CHECK}: a portal check without a token ends with its report. */
  public Future<Void> succeedCheck(SqlConnection conn, UUID id, long lease) {
    return fenced(conn, Transition.SUCCEED_CHECK, SUCCEED_CHECK, Tuple.of(id, lease), id, lease);
  }

  // ---- the API's own moves ---------------------------------------------------------------------------------

  private static final String EXPIRE = """
      UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'failed' ELSE 'queued' END,
                      error_code = 'agent_lease_expired',
                      error_message = 'the agent stopped reporting before handing over a token',
                      error_step = (SELECT s.name FROM job_steps s WHERE s.job_id = jobs.id ORDER BY s.id DESC LIMIT 1),
                      available_at = now(), updated_at = now(),""" + " " + CLEAR_LEASE + """

       WHERE state = ANY($1) AND lease_expires_at < now()
         AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = jobs.id)
      RETURNING id, state""";

  /** A job that {@link Transition#EXPIRE_LEASE} moved, and where to. */
  public record Expired(UUID id, JobState state) {
  }

  /**
   * {@link Transition#EXPIRE_LEASE}: gives back every running job whose lease lapsed before a token was
   * handed over (a job with a captured token is finishing and keeps its state).
   */
  public Future<List<Expired>> expireLeases(SqlClient db) {
    return db.preparedQuery(EXPIRE).execute(Tuple.of(Transition.EXPIRE_LEASE.fromParam())).map(rows -> {
      List<Expired> expired = new ArrayList<>();
      rows.forEach(row -> expired.add(new Expired(row.getUUID("id"), JobState.of(row.getString("state")))));
      return expired;
    });
  }

  private static final String SUCCEED = """
      WITH job AS (
        UPDATE jobs SET state = 'succeeded', error_code = NULL, error_message = NULL, error_step = NULL,
                        updated_at = now(),""" + " " + CLEAR_LEASE + """

         WHERE id = $1 AND state = ANY($2)
       RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, unnest(ARRAY['token_verified', 'succeeded']) FROM job""" + TIMED;

  /** {@link Transition#SUCCEED}: CJ accepted the job's token (steps {@code token_verified}, {@code succeeded}). */
  public Future<Void> succeed(SqlConnection conn, UUID id) {
    return guarded(conn, Transition.SUCCEED, SUCCEED, Tuple.of(id, Transition.SUCCEED.fromParam()), id);
  }

  private static final String FAIL_VERIFICATION = """
      UPDATE jobs SET state = $3, error_code = $4, error_message = $5, error_step = 'token_verified',
                      updated_at = now(),""" + " " + CLEAR_LEASE + """

       WHERE id = $1 AND state = ANY($2)""";

  /** {@link Transition#FAIL_VERIFICATION}: by the code's kind, {@code failed} or {@code needs_attention}. */
  public Future<Void> failVerification(SqlConnection conn, UUID id, ErrorCode code, String message) {
    JobState state = code.kind() == FailureKind.UNEXPECTED ? JobState.NEEDS_ATTENTION : JobState.FAILED;
    Tuple params = Tuple.of(id, Transition.FAIL_VERIFICATION.fromParam(), state.wire(), code.wire(), message);
    return guarded(conn, Transition.FAIL_VERIFICATION, FAIL_VERIFICATION, params, id);
  }

  private static final String RETRY = """
      WITH job AS (
        UPDATE jobs SET state = 'queued', max_attempts = attempts + $3, available_at = now(), error_code = NULL,
                        error_message = NULL, error_step = NULL, claimed_by = NULL, lease_expires_at = NULL,
                        updated_at = now()
         WHERE id = $1 AND state = ANY($2)
           AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = jobs.id)
       RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, 'retry_requested' FROM job""";

  /**
   * {@link Transition#RETRY} with a fresh budget of attempts. 409 {@code store_has_active_job} when the store
   * has another active job meanwhile.
   */
  public Future<Void> retry(SqlConnection conn, UUID id) {
    return guarded(conn, Transition.RETRY, RETRY, Tuple.of(id, Transition.RETRY.fromParam(), settings.maxAttempts()), id)
        .recover(e -> Future.failedFuture(e instanceof PgException pg && "23505".equals(pg.getSqlState())
            ? ApiException.conflict("store_has_active_job", "the store already has an active job; see latestJob")
            : e));
  }

  private static final String CANCEL = """
      WITH job AS (
        UPDATE jobs SET state = 'cancelled', error_code = 'cancelled', error_message = 'cancelled by a specialist',
                        updated_at = now(),""" + " " + CLEAR_LEASE + """

         WHERE id = $1 AND state = ANY($2)
           AND NOT EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = jobs.id)
       RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, 'cancelled' FROM job""";

  /** {@link Transition#CANCEL}: a running job's agent is fenced out, its next report refused. */
  public Future<Void> cancel(SqlConnection conn, UUID id) {
    return guarded(conn, Transition.CANCEL, CANCEL, Tuple.of(id, Transition.CANCEL.fromParam()), id);
  }

  private static final String GIVE_UP = """
      WITH job AS (
        UPDATE jobs SET state = 'needs_attention', error_message = left(coalesce(error_message, '') || $3, 1000),
                        updated_at = now(),""" + " " + CLEAR_LEASE + """

         WHERE id = $1 AND state = ANY($2)
       RETURNING id)
      INSERT INTO job_steps (job_id, name) SELECT id, 'given_up' FROM job""";

  /**
   * {@link Transition#GIVE_UP}: a specialist will not finish the page the job waits on; it needs attention
   * with the agent's reason, {@code why} added to its message. The sign-in slot is free at once; the agent
   * is fenced out at its next heartbeat.
   */
  public Future<Void> giveUp(SqlConnection conn, UUID id, String why) {
    return guarded(conn, Transition.GIVE_UP, GIVE_UP, Tuple.of(id, Transition.GIVE_UP.fromParam(), why), id);
  }

  // ---- the step log, and reading a job -------------------------------------------------------------------

  private static final String LOG_STEP = "INSERT INTO job_steps (job_id, name) VALUES ($1, $2)" + TIMED;

  /** Adds to the step log a step that moves no state ({@code token_stored}, {@code check_reported}, ...). */
  public Future<Void> logStep(SqlClient db, UUID id, Step step) {
    return db.preparedQuery(LOG_STEP).execute(Tuple.of(id, step.wire())).map(this::timed);
  }

  private static final String FIND = """
      SELECT id, store_id, kind, register, state, attempts, token_name, error_code, error_message, error_step,
             EXISTS (SELECT 1 FROM job_screenshots p WHERE p.job_id = jobs.id) AS has_screenshot
        FROM jobs WHERE id = $1""";

  /** The job's row for {@code GET /api/jobs/{id}}, or none. */
  public Future<RowSet<Row>> find(SqlClient db, UUID id) {
    return db.preparedQuery(FIND).execute(Tuple.of(id));
  }

  private static final String STEPS = "SELECT name, at FROM job_steps WHERE job_id = $1 ORDER BY id";

  /** The job's step log, oldest first. */
  public Future<RowSet<Row>> steps(SqlClient db, UUID id) {
    return db.preparedQuery(STEPS).execute(Tuple.of(id));
  }

  // ---- refusals ---------------------------------------------------------------------------------------------

  private static final String STATE = """
      SELECT state, lease_epoch, EXISTS (SELECT 1 FROM captured_tokens c WHERE c.job_id = jobs.id) AS has_token
        FROM jobs WHERE id = $1""";

  /** Runs an agent's fenced statement; when it moved nothing, refuses with 404 or 409 (lease lost, not running). */
  private Future<Void> fenced(SqlClient db, Transition transition, String sql, Tuple params, UUID id, long lease) {
    // a statement that also logs steps counts the steps it inserted: one or more when the job moved
    return db.preparedQuery(sql).execute(params).compose(rows -> rows.rowCount() > 0 ? Future.succeededFuture(timed(rows))
        : refuse(db, transition, id, lease));
  }

  /** Tells the clock of the steps a {@link #TIMED} statement logged; nothing for a statement without them. */
  private Void timed(RowSet<Row> rows) {
    if (rows.columnsNames() == null || !rows.columnsNames().contains("seconds")) return null;
    for (Row row : rows) {
      Double seconds = row.getDouble("seconds");
      Step step = Step.find(row.getString("name"));
      if (seconds != null && step != null) clock.reached(step, seconds);
    }
    return null;
  }

  /** Runs a statement guarded by the transition's from-states; when it moved nothing, refuses. */
  private Future<Void> guarded(SqlClient db, Transition transition, String sql, Tuple params, UUID id) {
    return fenced(db, transition, sql, params, id, -1);
  }

  /**
   * Why a transition moved nothing, as the one error callers get: 404 for no such job; for an agent's call
   * (a {@code lease} given), 409 {@code lease_lost} or {@code job_not_running}; else 409
   * {@code token_already_stored} or {@code job_not_<transition>} naming the states it may start from.
   */
  private Future<Void> refuse(SqlClient db, Transition transition, UUID id, long lease) {
    return db.preparedQuery(STATE).execute(Tuple.of(id)).map(rows -> {
      if (rows.size() == 0) throw ApiException.notFound("job " + id);
      Row row = rows.iterator().next();
      JobState state = JobState.of(row.getString("state"));
      if (lease >= 0) throw leaseLost(id, state, row.getLong("lease_epoch"), lease);
      if (row.getBoolean("has_token") && (transition == Transition.RETRY || transition == Transition.CANCEL)) {
        throw ApiException.conflict(Refusal.TOKEN_ALREADY_STORED.wire(), "job " + id + " already has its token; it cannot be "
            + pastTense(transition));
      }
      throw ApiException.conflict(refusalCode(transition), "job " + id + " is " + state + "; only a job that is "
          + transition.from().stream().map(JobState::wire).sorted().collect(Collectors.joining(", "))
          + " can be " + pastTense(transition));
    });
  }

  private static String refusalCode(Transition transition) {
    return switch (transition) {
      case RETRY -> "job_not_retryable";
      case CANCEL -> "job_not_cancellable";
      case GIVE_UP -> "job_not_waiting_for_person";
      default -> "job_not_" + transition.name().toLowerCase(Locale.ROOT);
    };
  }

  private static String pastTense(Transition transition) {
    return switch (transition) {
      case RETRY -> "retried";
      case CANCEL -> "cancelled";
      case SUCCEED -> "marked succeeded";
      case GIVE_UP -> "given up";
      default -> transition.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "ed";
    };
  }
}
