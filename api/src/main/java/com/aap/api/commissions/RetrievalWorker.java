package com.aap.api.commissions;

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
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Takes queued commission retrievals one at a time and pulls the store's commissions for the last
 * {@code RETRIEVAL_DAYS} days: every 31-day window, every page, each record stored once.
 */
public final class RetrievalWorker extends VerticleBase {

  private static final Logger log = LoggerFactory.getLogger(RetrievalWorker.class);
  static final long POLL_MS = 2_000;
  private static final int PAGE_TRIES = 3;
  private static final int MAX_PAGES_PER_WINDOW = 10_000;

  private final Pool pool;
  private final Vault vault;
  private final String cjUrl;
  private final int retrievalDays;
  /** A retrieval that has not finished after this long fails (and is listed so), never stays running. */
  private final int deadlineSeconds;
  private final ApiMetrics metrics;
  private CjClient cj;
  private boolean busy;
  private boolean again;
  private volatile boolean stopping;

  public RetrievalWorker(Pool pool, Vault vault, String cjUrl, int retrievalDays, int deadlineSeconds,
                         ApiMetrics metrics) {
    this.pool = pool;
    this.vault = vault;
    this.cjUrl = cjUrl;
    this.retrievalDays = retrievalDays;
    this.deadlineSeconds = deadlineSeconds;
    this.metrics = metrics;
  }

  @Override
  public Future<?> start() {
    cj = new CjClient(vertx, cjUrl, metrics);
    vertx.eventBus().localConsumer(Signals.RETRIEVAL_QUEUED, m -> drain());
    vertx.setPeriodic(POLL_MS, id -> drain());
    drain();
    return Future.succeededFuture();
  }

  @Override
  public Future<?> stop() {
    stopping = true; // a retrieval cut short is taken up again later (see RetrievalSql.CLAIM)
    cj.close();
    return Future.succeededFuture();
  }

  /** Runs queued retrievals until none is left; a signal while busy makes it look again. */
  private void drain() {
    if (stopping) return;
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    again = false;
    Windows windows = Windows.lastDays(retrievalDays, Instant.now());
    pool.preparedQuery(RetrievalSql.CLAIM).execute(Tuple.of(windows.since().atOffset(ZoneOffset.UTC),
            windows.before().atOffset(ZoneOffset.UTC)))
        .compose(rows -> rows.size() == 0 ? Future.succeededFuture(false) : run(rows.iterator().next(), windows).map(true))
        .onComplete(result -> {
          busy = false;
          if (result.failed() && !stopping) log.error("commission retrieval worker: {}", result.cause().toString());
          if (again || (result.succeeded() && result.result())) vertx.runOnContext(v -> drain());
        });
  }

  private Future<Void> run(Row claimed, Windows windows) {
    long id = claimed.getLong("id");
    String storeId = claimed.getString("store_id");
    Totals totals = new Totals();
    log.info("retrieval {} for store {} started: {} to {}", id, storeId, windows.since(), windows.before());
    return pool.preparedQuery(RetrievalSql.STORE).execute(Tuple.of(storeId))
        .compose(rows -> {
          Row store = rows.iterator().next();
          String token = vault.decrypt(store.getBuffer("token_enc").getBytes(), Vault.storeToken(storeId));
          long deadline = System.currentTimeMillis() + deadlineSeconds * 1000L;
          Future<Void> chain = Future.succeededFuture();
          for (Windows.Window window : windows.split()) {
            chain = chain.compose(v -> window(new Run(storeId, store.getString("cj_company_id"), token, window,
                deadline), null, 0, totals));
          }
          return chain.timeout(deadlineSeconds, TimeUnit.SECONDS);
        })
        .compose(v -> pool.preparedQuery(RetrievalSql.SUCCEEDED)
            .execute(Tuple.of(id, totals.pages, totals.records, totals.inserted)))
        .compose(rows -> {
          log.info("retrieval {} for store {} finished: {} pages, {} records, {} new", id, storeId,
              totals.pages, totals.records, totals.inserted);
          metrics.retrieval(true, totals.records);
          return checkOne(rows, id);
        })
        .recover(e -> {
          if (stopping) return Future.failedFuture(e);
          log.warn("retrieval {} for store {} failed: {}", id, storeId, e.getMessage());
          metrics.retrieval(false, totals.records);
          return pool.preparedQuery(RetrievalSql.FAILED)
              .execute(Tuple.of(id, totals.pages, totals.records, totals.inserted, String.valueOf(e.getMessage())))
              .compose(rows -> checkOne(rows, id));
        });
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

  private Future<JsonObject> page(Run run, String after) {
    return CjRetries.call(vertx, PAGE_TRIES,
        () -> cj.page(run.token, run.cid, run.window.since(), run.window.before(), after));
  }

  /** Inserts a page in one batch; returns how many records were new. */
  private Future<Integer> insert(String storeId, JsonArray records) {
    if (records.isEmpty()) return Future.succeededFuture(0);
    List<Tuple> batch = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      batch.add(Records.toRow(storeId, records.getJsonObject(i)));
    }
    return pool.preparedQuery(RetrievalSql.INSERT).executeBatch(batch).map(RetrievalWorker::rowCount);
  }

  private static int rowCount(RowSet<Row> result) {
    int count = 0;
    for (RowSet<Row> rows = result; rows != null; rows = rows.next()) {
      count += rows.rowCount();
    }
    return count;
  }

  private static Future<Void> checkOne(RowSet<Row> rows, long id) {
    return rows.rowCount() == 1 ? Future.succeededFuture()
        : Future.failedFuture(new IllegalStateException("retrieval " + id + " is no longer running"));
  }

  private record Run(String storeId, String cid, String token, Windows.Window window, long deadline) {
    @Override
    public String toString() {
      return "Run[store=" + storeId + ", window=" + window + "]";
    }
  }

  private static final class Totals {
    int pages;
    int records;
    int inserted;
  }
}
