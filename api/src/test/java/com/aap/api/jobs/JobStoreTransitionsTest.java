package com.aap.api.jobs;

import com.aap.api.JobSettings;
import com.aap.api.db.Database;
import com.aap.api.http.ApiException;
import com.aap.api.testing.TestDatabase;
import com.aap.protocol.ErrorCode;
import com.aap.protocol.JobState;
import com.aap.protocol.Step;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job state machine against real PostgreSQL: every transition is tried from every state. From a
 * state the transition allows, the job moves (to one of the transition's to-states, or, for the moves
 * that keep it running, at least its lease); from any other it is refused and its row and step log stay
 * exactly as they were.
 */
class JobStoreTransitionsTest {

  private static final long LEASE = 7;
  private static final UUID JOB = UUID.fromString("00000000-0000-4000-8000-000000000001");
  private static Vertx vertx;
  private static Pool pool;
  private static JobStore store;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
    pool = Database.pool(vertx, TestDatabase.url());
    store = new JobStore(new JobSettings(3, 20, 1000));
  }

  @AfterAll
  static void stop() {
    pool.close();
    vertx.close();
  }

  @BeforeEach
  void reset() {
    TestDatabase.reset();
  }

  static Stream<Arguments> everyStateAndTransition() {
    return Arrays.stream(JobState.values())
        .flatMap(state -> Arrays.stream(Transition.values()).map(transition -> Arguments.of(state, transition)));
  }

  @ParameterizedTest(name = "{1} from {0}")
  @MethodSource("everyStateAndTransition")
  void aTransitionMovesAJobOnlyFromTheStatesItAllows(JobState from, Transition transition) throws Exception {
    jobIn(from);
    String before = row();
    long stepsBefore = steps();

    Outcome outcome = apply(transition, LEASE);

    if (transition.from().contains(from)) {
      assertThat(outcome.refusal).as("refusal").isNull();
      assertThat(outcome.moved).as("moved").isTrue();
      assertThat(transition.to()).contains(state());
      assertThat(row()).isNotEqualTo(before);
    } else {
      assertThat(outcome.moved).as("moved").isFalse();
      assertThat(row()).isEqualTo(before);
      assertThat(steps()).isEqualTo(stepsBefore);
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(names = {"RELEASE", "HEARTBEAT", "PROGRESS", "TAKE_SIGN_IN_SLOT", "CHECKPOINT", "FAIL_PERMANENTLY",
      "FAIL_TRANSIENTLY", "NEEDS_ATTENTION", "SUCCEED_CHECK"})
  void anAgentsMoveUnderAnOldLeaseIsRefusedAsLeaseLost(Transition transition) throws Exception {
    jobIn(JobState.RUNNING);
    String before = row();

    Outcome outcome = apply(transition, LEASE - 1);

    assertThat(outcome.refusal).isNotNull();
    assertThat(outcome.refusal.code()).isEqualTo("lease_lost");
    assertThat(row()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(names = {"HEARTBEAT", "RESUME", "FAIL_PERMANENTLY", "FAIL_TRANSIENTLY", "NEEDS_ATTENTION"})
  void anAgentsMoveOfAJobWaitingForAPersonUnderAnOldLeaseIsRefusedAsLeaseLost(Transition transition) throws Exception {
    jobIn(JobState.WAITING_FOR_PERSON);
    String before = row();

    Outcome outcome = apply(transition, LEASE - 1);

    assertThat(outcome.refusal.code()).isEqualTo("lease_lost");
    assertThat(row()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(names = {"WAIT_FOR_PERSON", "RESUME", "GIVE_UP", "NEEDS_ATTENTION", "EXPIRE_LEASE", "CANCEL"})
  void theSignInSlotIsHeldWhileWaitingAndFreedWhenTheJobEnds(Transition transition) throws Exception {
    jobIn(transition == Transition.WAIT_FOR_PERSON ? JobState.RUNNING : JobState.WAITING_FOR_PERSON);
    execute("UPDATE jobs SET signing_in_login = (SELECT id FROM cj_logins)");

    apply(transition, LEASE);

    boolean ended = !state().isActive() || state() == JobState.QUEUED;
    assertThat(query("SELECT signing_in_login IS NOT NULL FROM jobs WHERE id = '" + JOB + "'"))
        .as("sign-in slot held after " + transition).isEqualTo(ended ? "f" : "t");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(names = {"RETRY", "CANCEL"})
  void aSpecialistsMoveIsRefusedOnceTheTokenIsCaptured(Transition transition) throws Exception {
    jobIn(transition == Transition.RETRY ? JobState.FAILED : JobState.RUNNING);
    execute("INSERT INTO captured_tokens (job_id, store_id, token_enc) VALUES ('" + JOB + "', 's1', '\\x00')");
    String before = row();

    Outcome outcome = apply(transition, LEASE);

    assertThat(outcome.refusal.code()).isEqualTo("token_already_stored");
    assertThat(row()).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(names = {"RELEASE", "HEARTBEAT", "CHECKPOINT", "SUCCEED", "RETRY", "CANCEL"})
  void aMoveOfAJobThatDoesNotExistIsNotFound(Transition transition) throws Exception {
    Outcome outcome = apply(transition, LEASE);

    assertThat(outcome.refusal.status()).isEqualTo(404);
  }

  private record Outcome(boolean moved, ApiException refusal) {
  }

  /**
   * Runs the transition's JobStore method on the job; a refusal is the ApiException it failed with. The
   * switch has no default: a new transition does not compile until it is tried here too.
   */
  private static Outcome apply(Transition transition, long lease) throws Exception {
    Future<Boolean> moved = switch (transition) {
      case CLAIM -> pool.withTransaction(conn -> store.claim(conn,
          new JobStore.ClaimRequest("agent-1", "agent-1", new UUID[0], 1))).map(jobs -> !jobs.isEmpty());
      case RELEASE -> store.release(pool, JOB, lease).map(true);
      case HEARTBEAT -> store.heartbeat(pool, JOB, lease).map(true);
      case PROGRESS -> store.progress(pool, JOB, lease, Step.SIGNED_IN).map(true);
      case TAKE_SIGN_IN_SLOT -> store.takeSignInSlot(pool, JOB, lease).map(true);
      case CHECKPOINT -> pool.withTransaction(conn -> store.checkpoint(conn, JOB, lease, "name_r7")).map(true);
      case FAIL_PERMANENTLY -> fail(ErrorCode.CJ_PASSWORD_REJECTED, lease);
      case FAIL_TRANSIENTLY -> fail(ErrorCode.CJ_UNREACHABLE, lease);
      case NEEDS_ATTENTION -> fail(ErrorCode.UNEXPECTED_PAGE, lease);
      case EXPIRE_LEASE -> store.expireLeases(pool).map(expired -> !expired.isEmpty());
      case SUCCEED_CHECK -> pool.withTransaction(conn -> store.succeedCheck(conn, JOB, lease)).map(true);
      case SUCCEED -> pool.withTransaction(conn -> store.succeed(conn, JOB)).map(true);
      case FAIL_VERIFICATION -> pool.withTransaction(conn -> store.failVerification(conn, JOB,
          ErrorCode.TOKEN_REJECTED_BY_CJ, "refused")).map(true);
      case RETRY -> pool.withTransaction(conn -> store.retry(conn, JOB)).map(true);
      case CANCEL -> pool.withTransaction(conn -> store.cancel(conn, JOB)).map(true);
      case WAIT_FOR_PERSON -> store.waitForPerson(pool, JOB, lease, ErrorCode.CJ_CAPTCHA, "a CAPTCHA", Step.SIGNING_IN)
          .map(true);
      case RESUME -> store.resume(pool, JOB, lease).map(true);
      case GIVE_UP -> pool.withTransaction(conn -> store.giveUp(conn, JOB, " (given up)")).map(true);
    };
    try {
      return new Outcome(moved.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS), null);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ApiException refusal) return new Outcome(false, refusal);
      throw e;
    }
  }

  private static Future<Boolean> fail(ErrorCode code, long lease) {
    return pool.withTransaction(conn -> store.lock(conn, JOB)
        .compose(job -> store.fail(conn, job, lease, code, "it failed", Step.SIGNING_IN))).map(true);
  }

  /** A job in {@code state} whose lease has run out, claimable at once, on its first of three attempts. */
  private static void jobIn(JobState state) throws SQLException {
    execute("INSERT INTO cj_logins (id, email, password_enc) VALUES ('" + UUID.randomUUID() + "', 'a@b.example', '\\x00')");
    execute("INSERT INTO stores (id, name, cj_company_id, cj_login_id) SELECT 's1', 'Store', '1000001', id FROM cj_logins");
    execute("INSERT INTO jobs (id, store_id, token_name, state, attempts, max_attempts, lease_epoch, available_at,"
        + " claimed_by, lease_expires_at) VALUES ('" + JOB + "', 's1', 'name', '" + state.wire() + "', 1, 3, " + LEASE
        + ", now() - interval '1 minute', " + (state == JobState.RUNNING || state == JobState.WAITING_FOR_PERSON
        ? "'agent-0'" : "NULL")
        + ", now() - interval '1 minute')");
  }

  private static JobState state() throws SQLException {
    return JobState.of(query("SELECT state FROM jobs WHERE id = '" + JOB + "'"));
  }

  /** The job's whole row, as text. */
  private static String row() throws SQLException {
    return query("SELECT row_to_json(j)::text FROM jobs j WHERE id = '" + JOB + "'");
  }

  private static long steps() throws SQLException {
    return Long.parseLong(query("SELECT count(*) FROM job_steps"));
  }

  private static String query(String sql) throws SQLException {
    try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement()) {
      st.execute(sql);
    }
  }
}
