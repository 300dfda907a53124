package com.aap.api.commissions;

import com.aap.api.SyncSettings;
import com.aap.api.jobs.JobStore;
import com.aap.api.jobs.Signals;
import com.aap.api.metrics.ApiMetrics;
import com.aap.api.vault.Vault;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The recurring commission sync. Every {@code SYNC_INTERVAL_MINUTES} each store with a token is synced from
 * its cursor minus the lookback to now (its first run: the last {@code RETRIEVAL_DAYS} days), every 31-day
 * window, every page, each record stored once by its commission id. Several instances share the work through
 * PostgreSQL: a due store is claimed with {@code FOR UPDATE SKIP LOCKED} under a lease this instance renews,
 * and every end of a run is fenced by the lease's epoch, so a store syncs on one instance at a time and a
 * dead instance's stores are taken over once their leases lapse. Each run is also the token's health check
 * ({@link TokenHealth}).
 */
public final class CommissionSync extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(CommissionSync.class);
  static final long POLL_MS = 1_000;
  private static final long FORGET_LIMITS_MS = 60_000;
  private static final int MAX_PAGES_PER_WINDOW = 10_000;

  private final Pool pool;
  private final Vault vault;
  private final String cjUrl;
  private final int retrievalDays;
  /** A run still going after this long fails (and is logged so), never stays running. */
  private final int deadlineSeconds;
  private final SyncSettings settings;
  private final JobStore jobs;
  /** Names this instance on the runs and leases it holds. */
  private final String instance;
  private final ApiMetrics metrics;
  private final Set<String> running = new HashSet<>();
  private CjClient cj;
  private CallLimits limits;
  private TokenHealth health;
  private boolean claiming;
  private boolean again;
  private boolean pruning;
  private volatile boolean stopping;

  public CommissionSync(Pool pool, Vault vault, String cjUrl, int retrievalDays, int deadlineSeconds,
                        SyncSettings settings, JobStore jobs, String instance, ApiMetrics metrics) {
    this.instance = instance;
    this.metrics = metrics;
    this.pool = pool;
    this.vault = vault;
    this.cjUrl = cjUrl;
    this.retrievalDays = retrievalDays;
    this.deadlineSeconds = deadlineSeconds;
    this.settings = settings;
    this.jobs = jobs;
  }

  /**
   * In the transaction that gives {@code storeId} a new token: its sync starts over, due now, with its token's
   * health back to ok. Publish {@link Signals#RETRIEVAL_QUEUED} after the commit to start it at once.
   */
  public static Future<Void> startOver(SqlConnection conn, String storeId) {
    return conn.preparedQuery(SyncSql.SCHEDULE_NOW).execute(Tuple.of(storeId)).mapEmpty();
  }

  @Override
  public Future<?> start() {
    cj = new CjClient(vertx, cjUrl, metrics);
    limits = new CallLimits(vertx, settings.callsPerMinutePerToken(), settings.callsPerMinute());
    health = new TokenHealth(vertx, pool, jobs, settings);
    vertx.eventBus().localConsumer(Signals.RETRIEVAL_QUEUED, m -> claim());
    vertx.setPeriodic(POLL_MS, id -> claim());
    vertx.setPeriodic(settings.heartbeatEvery().toMillis(), id -> heartbeat());
    vertx.setPeriodic(FORGET_LIMITS_MS, id -> limits.forgetIdle());
    if (settings.logDays() > 0) vertx.setPeriodic(settings.pruneEvery().toMillis(), id -> pruneRunLog());
    claim();
    log.info("commission sync {} started: every {}, lookback {} days, {} at a time", instance, settings.interval(),
        settings.lookbackDays(), settings.concurrency());
    return Future.succeededFuture();
  }

  /** Runs cut short here are left to their leases: another instance (or this one, restarted) takes them over. */
  @Override
  public Future<?> stop() {
    stopping = true;
    cj.close();
    return Future.succeededFuture();
  }

  /** One pruning at a time: a long one (a first, on a large log) is not joined by the next. */
  private void pruneRunLog() {
    if (stopping || pruning) return;
    pruning = true;
    RunLog.prune(pool, settings.logDays())
        .onSuccess(deleted -> {
          if (deleted > 0) log.info("commission sync: {} runs older than {} days deleted from the run log", deleted,
              settings.logDays());
        })
        .onFailure(e -> log.warn("commission sync: cannot prune the run log: {}", e.toString()))
        .onComplete(done -> pruning = false);
  }

  /** Claims as many due stores as there are free slots; a signal while claiming makes it look again. */
  private void claim() {
    if (stopping) return;
    int free = settings.concurrency() - running.size();
    if (claiming || free <= 0) {
      again = claiming;
      return;
    }
    claiming = true;
    again = false;
    pool.preparedQuery(SyncSql.CLAIM).execute(Tuple.of(instance, free, settings.leaseSeconds(),
            settings.lookbackDays(), retrievalDays))
        .onSuccess(rows -> rows.forEach(row -> launch(Claimed.of(row))))
        .onFailure(e -> {
          if (!stopping) log.error("commission sync {}: cannot claim due stores: {}", instance, e.toString());
        })
        .onComplete(v -> {
          claiming = false;
          if (again) vertx.runOnContext(x -> claim());
        });
  }

  private void launch(Claimed claimed) {
    running.add(claimed.storeId);
    run(claimed).onComplete(result -> {
      running.remove(claimed.storeId);
      if (result.failed() && !stopping) {
        log.error("commission sync of store {} could not be recorded: {}", claimed.storeId, result.cause().toString());
      }
      claim();
    });
  }

  private void heartbeat() {
    if (running.isEmpty() || stopping) return;
    pool.preparedQuery(SyncSql.HEARTBEAT).execute(Tuple.of(instance, running.toArray(String[]::new), settings.leaseSeconds()))
        .onFailure(e -> log.warn("commission sync {}: cannot renew leases: {}", instance, e.toString()));
  }

  private Future<Void> run(Claimed c) {
    Totals totals = new Totals();
    if (c.cursor == null) log.info("first commission retrieval for store {}: {} to {}", c.storeId, c.since, c.before);
    Future<Void> chain = Future.succeededFuture();
    try {
      String token = vault.decrypt(c.tokenEnc, Vault.storeToken(c.storeId));
      long deadline = System.currentTimeMillis() + deadlineSeconds * 1000L;
      for (Windows.Window window : new Windows(c.since, c.before).split()) {
        chain = chain.compose(v -> window(new Run(c.storeId, c.cid, token, window, deadline), null, 0, totals));
      }
    } catch (RuntimeException e) {
      chain = Future.failedFuture(e);
    }
    return chain.timeout(deadlineSeconds, TimeUnit.SECONDS).transform(result -> {
      if (stopping) return Future.succeededFuture();
      boolean refused = result.failed() && result.cause() instanceof CjException cje && cje.refusesToken();
      metrics.syncRun(result.succeeded() ? "succeeded" : refused ? "token_refused" : "failed", totals.records);
      if (result.succeeded()) return succeeded(c, totals);
      if (refused) return health.refused(c, totals, (CjException) result.cause());
      return failed(c, totals, result.cause());
    });
  }

  private Future<Void> succeeded(Claimed c, Totals totals) {
    log.debug("commission sync of store {}: {} pages, {} records, {} new", c.storeId, totals.pages, totals.records,
        totals.inserted);
    Instant next = Schedule.next(c.storeId, c.scheduled, Instant.now(), settings.interval());
    return pool.preparedQuery(SyncSql.SUCCEEDED).execute(c.end("succeeded", totals, null, next)
            .addValue(c.before.atOffset(ZoneOffset.UTC)))
        .compose(rows -> c.recorded(rows));
  }

  private Future<Void> failed(Claimed c, Totals totals, Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    log.warn("commission sync of store {} failed: {}", c.storeId, message);
    Instant next = Schedule.next(c.storeId, c.scheduled, Instant.now(), settings.interval());
    return pool.preparedQuery(SyncSql.FAILED).execute(c.end("failed", totals, message, next))
        .compose(rows -> c.recorded(rows));
  }

  private Future<Void> window(Run run, String after, int pageNo, Totals totals) {
    if (pageNo >= MAX_PAGES_PER_WINDOW) return Future.failedFuture(new IllegalStateException("too many pages"));
    if (System.currentTimeMillis() > run.deadline) {
      return Future.failedFuture(new IllegalStateException("the retrieval deadline (" + deadlineSeconds + " s) passed"));
    }
    return page(run, after).compose(page -> {
      JsonArray records = page.getJsonArray("records", new JsonArray());
      return insert(run.storeId, records).compose(inserted -> {
        totals.pages++;
        totals.records += records.size();
        totals.inserted += inserted;
        String next = page.getValue("maxCommissionId") == null ? null : page.getValue("maxCommissionId").toString();
        if (page.getBoolean("payloadComplete", true) || records.isEmpty()) return Future.succeededFuture();
        if (next == null || next.equals(after)) {
          return Future.failedFuture(new IllegalStateException("incomplete page without a new maxCommissionId"));
        }
        return window(run, next, pageNo + 1, totals);
      });
    });
  }

  /** One page, within CJ's limits: a 429's Retry-After holds every call with the token back. */
  private Future<JsonObject> page(Run run, String after) {
    return CjRetries.call(vertx, settings.callTries(), settings.backoffBaseMillis(),
        () -> limits.permit(run.storeId)
            .compose(v -> cj.page(run.token, run.cid, run.window.since(), run.window.before(), after))
            .onFailure(e -> {
              if (e instanceof CjException cje && cje.retryAfter() != null) limits.retryAfter(run.storeId, cje.retryAfter());
            }));
  }

  /** Inserts a page in one batch and counts what was new on the store, in one transaction; returns that count. */
  private Future<Integer> insert(String storeId, JsonArray records) {
    if (records.isEmpty()) return Future.succeededFuture(0);
    List<Tuple> batch = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      batch.add(Records.toRow(storeId, records.getJsonObject(i)));
    }
    return pool.withTransaction(conn -> conn.preparedQuery(SyncSql.INSERT).executeBatch(batch)
        .map(CommissionSync::rowCount)
        .compose(inserted -> inserted == 0 ? Future.succeededFuture(0)
            : conn.preparedQuery(SyncSql.HELD).execute(Tuple.of(storeId, inserted)).map(inserted)));
  }

  private static int rowCount(RowSet<Row> result) {
    int count = 0;
    for (RowSet<Row> rows = result; rows != null; rows = rows.next()) {
      count += rows.rowCount();
    }
    return count;
  }

  /** A claimed store: its run's span and log row, what the token's health check needs, and its lease epoch. */
  record Claimed(String storeId, long epoch, long runId, Instant scheduled, Instant since, Instant before, Instant cursor,
                 String cid,
                 byte[] tokenEnc, String tokenName, int refusals, OffsetDateTime firstRefusedAt,
                 OffsetDateTime reprovisionedAt, boolean agencyAuthorized, boolean autoReprovision) {

    static Claimed of(Row row) {
      OffsetDateTime cursor = row.getOffsetDateTime("cursor_at");
      return new Claimed(row.getString("store_id"), row.getLong("lease_epoch"), row.getLong("run_id"),
          row.getOffsetDateTime("next_run_at").toInstant(), row.getOffsetDateTime("since").toInstant(), row.getOffsetDateTime("before").toInstant(),
          cursor == null ? null : cursor.toInstant(), row.getString("cj_company_id"),
          row.getBuffer("token_enc").getBytes(), row.getString("token_name"), row.getInteger("refusals"),
          row.getOffsetDateTime("first_refused_at"), row.getOffsetDateTime("reprovisioned_at"),
          row.getBoolean("agency_authorized"), row.getBoolean("auto_reprovision"));
    }

    /** The parameters every end of a run shares ({@code SyncSql.finish}). */
    Tuple end(String state, Totals totals, String error, Instant next) {
      return Tuple.of(storeId, epoch, state, totals.pages, totals.records, totals.inserted, error, runId)
          .addValue(next.atOffset(ZoneOffset.UTC));
    }

    /** A run whose lease was taken over meanwhile changes nothing: the instance that holds it now records its own. */
    Future<Void> recorded(RowSet<Row> rows) {
      if (rows.rowCount() == 0) log.warn("commission sync of store {}: its lease was taken over; this run's end is not recorded", storeId);
      return Future.succeededFuture();
    }

    @Override
    public String toString() {
      return "Claimed[store=" + storeId + ", epoch=" + epoch + "]";
    }
  }

  private record Run(String storeId, String cid, String token, Windows.Window window, long deadline) {
    @Override
    public String toString() {
      return "Run[store=" + storeId + ", window=" + window + "]";
    }
  }

  static final class Totals {
    int pages;
    int records;
    int inserted;
  }
}
