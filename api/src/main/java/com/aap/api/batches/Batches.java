package com.aap.api.batches;

import com.aap.api.auth.Principal;
import com.aap.api.http.ApiException;
import com.aap.api.http.Fields;
import com.aap.api.http.Reply;
import com.aap.api.jobs.JobStore;
import com.aap.api.jobs.Jobs;
import com.aap.api.jobs.Signals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code POST /api/batches} (CSV or JSON), {@code GET /api/batches}, {@code GET /api/batches/{id}} and
 * {@code POST /api/batches/{id}/retry-failed}. Good rows create or update their stores and are queued in
 * one transaction; bad rows are answered with their row number, field and problem.
 */
public final class Batches {

  private static final Logger log = LoggerFactory.getLogger(Batches.class);

  private final Vertx vertx;
  private final Pool pool;
  private final JobStore store;

  public Batches(Vertx vertx, Pool pool, JobStore store) {
    this.vertx = vertx;
    this.pool = pool;
    this.store = store;
  }

  public Future<Reply> create(RoutingContext rc) {
    String actor = Principal.of(rc).actor();
    String type = String.valueOf(rc.request().getHeader("Content-Type")).toLowerCase(Locale.ROOT);
    String replaceParam = rc.request().getParam("replace");
    if (replaceParam != null && !replaceParam.equals("true") && !replaceParam.equals("false")) {
      Fields query = new Fields(new JsonObject());
      query.problem("replace", "must be true or false");
      query.check();
    }
    boolean replace = "true".equals(replaceParam);
    Buffer body = rc.body() == null ? null : rc.body().buffer();
    // Up to 16 MiB of CSV or JSON: parsed on a worker (unordered), never on the event loop.
    return vertx.executeBlocking(() -> parse(type, body), false).compose(input -> create(rc, actor, input, replace));
  }

  private static BatchInput parse(String type, Buffer body) {
    String text = body == null ? "" : body.toString(StandardCharsets.UTF_8);
    return type.contains("json") ? BatchInput.fromJson(text) : BatchInput.fromCsv(text);
  }

  private Future<Reply> create(RoutingContext rc, String actor, BatchInput input, boolean replace) {
    return resolveLogins(input)
        .compose(v -> replace ? Future.succeededFuture() : refuseVerifiedStores(input))
        .compose(v -> pool.withTransaction(conn -> insert(conn, actor, input, replace)))
        .map(batchId -> {
          log.info("batch {}: {} rows queued, {} bad", batchId, input.good.size(), input.total - input.good.size());
          if (!input.good.isEmpty()) vertx.eventBus().publish(Signals.JOB_QUEUED, "");
          rc.put("aap.batchId", batchId.toString());
          return Reply.created(new JsonObject().put("batchId", batchId.toString()).put("rows", input.total)
              .put("accepted", input.good.size()).put("badRows", input.bad.json()));
        });
  }

  /** Rows name their CJ login by id or email; one that names none (or several) is a bad row. */
  private Future<Void> resolveLogins(BatchInput input) {
    String[] names = input.good.stream().map(r -> r.cjLogin().toLowerCase(Locale.ROOT)).distinct()
        .toArray(String[]::new);
    return pool.preparedQuery(BatchSql.LOGINS).execute(Tuple.of((Object) names)).map(rows -> {
      Map<String, List<UUID>> byName = new HashMap<>();
      for (Row row : rows) {
        UUID id = row.getUUID("id");
        byName.computeIfAbsent(id.toString(), k -> new ArrayList<>()).add(id);
        byName.computeIfAbsent(row.getString("email").toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(id);
      }
      List<BatchRow> resolved = new ArrayList<>();
      for (BatchRow row : input.good) {
        List<UUID> ids = byName.getOrDefault(row.cjLogin().toLowerCase(Locale.ROOT), List.of());
        if (ids.size() == 1) {
          resolved.add(row.withLoginId(ids.get(0)));
        } else {
          input.bad.add(row.row(), "cjLogin", ids.isEmpty() ? "names no CJ login (give its id or email)"
              : "matches several CJ logins by email; give the login's id");
        }
      }
      input.good.clear();
      input.good.addAll(resolved);
      return null;
    });
  }

  /**
   * Without {@code ?replace=true}, a row for a store that already has a verified token is a bad row: a
   * second live token is registered only when asked for.
   */
  private Future<Void> refuseVerifiedStores(BatchInput input) {
    String[] storeIds = input.good.stream().map(BatchRow::storeId).toArray(String[]::new);
    return pool.preparedQuery(BatchSql.VERIFIED_STORES).execute(Tuple.of((Object) storeIds)).map(rows -> {
      Set<String> verified = new HashSet<>();
      rows.forEach(row -> verified.add(row.getString("id")));
      input.good.removeIf(row -> {
        if (!verified.contains(row.storeId())) return false;
        input.bad.add(row.row(), "storeId", "the store already has a verified CJ token; upload with ?replace=true "
            + "to register a new one (the old one is then listed for revocation)");
        return true;
      });
      return null;
    });
  }

  private Future<UUID> insert(SqlConnection conn, String actor, BatchInput input, boolean replace) {
    UUID batchId = UUID.randomUUID();
    List<BatchRow> rows = input.good;
    List<String> storeIds = rows.stream().map(BatchRow::storeId).toList();
    List<String> tokenNames = rows.stream().map(r -> r.tokenName() == null ? Jobs.DEFAULT_TOKEN_NAME : r.tokenName())
        .toList();
    Tuple stores = Tuple.of(storeIds.toArray(String[]::new),
        rows.stream().map(BatchRow::name).toArray(String[]::new),
        rows.stream().map(BatchRow::cjCompanyId).toArray(String[]::new),
        rows.stream().map(BatchRow::cjLoginId).toArray(UUID[]::new),
        rows.stream().map(BatchRow::signedOn).toArray(LocalDate[]::new),
        rows.stream().map(BatchRow::reference).toArray(String[]::new));
    return conn.preparedQuery(BatchSql.INSERT_BATCH)
        .execute(Tuple.of(batchId, actor, input.total, input.bad.json()))
        .compose(v -> rows.isEmpty() ? Future.succeededFuture() : conn.preparedQuery(BatchSql.UPSERT_STORES).execute(stores)
            .compose(u -> queue(conn, storeIds, tokenNames, Collections.nCopies(storeIds.size(), replace)))
            .compose(jobs -> linkRows(conn, batchId, rows, jobs)))
        .map(v -> batchId);
  }

  private static Future<Void> linkRows(SqlConnection conn, UUID batchId, List<BatchRow> rows, Map<String, UUID> jobs) {
    List<BatchRow> linked = rows.stream().filter(r -> jobs.containsKey(r.storeId())).toList();
    Tuple params = Tuple.of(batchId, linked.stream().map(BatchRow::row).toArray(Integer[]::new),
        linked.stream().map(BatchRow::storeId).toArray(String[]::new),
        linked.stream().map(r -> jobs.get(r.storeId())).toArray(UUID[]::new));
    return conn.preparedQuery(BatchSql.INSERT_ROWS).execute(params).mapEmpty();
  }

  public Future<Reply> get(RoutingContext rc) {
    UUID id = batchId(rc);
    return pool.preparedQuery(BatchSql.FIND_BATCH).execute(Tuple.of(id)).compose(found -> {
      if (found.size() == 0) throw ApiException.notFound("batch " + id);
      Row batch = found.iterator().next();
      return pool.preparedQuery(BatchSql.ROWS).execute(Tuple.of(id))
          .map(rows -> Reply.ok(BatchView.of(batch, rows)));
    });
  }

  public Future<Reply> list(RoutingContext rc) {
    return pool.query(BatchSql.LIST).execute().map(rows -> {
      JsonArray batches = new JsonArray();
      for (Row row : rows) batches.add(BatchView.summary(row));
      return Reply.ok(new JsonObject().put("batches", batches));
    });
  }

  /** Queues a new job for every row whose job failed or needs attention. */
  public Future<Reply> retryFailed(RoutingContext rc) {
    UUID id = batchId(rc);
    return pool.withTransaction(conn -> conn.preparedQuery(BatchSql.FIND_BATCH).execute(Tuple.of(id))
        .compose(found -> {
          if (found.size() == 0) throw ApiException.notFound("batch " + id);
          return conn.preparedQuery(BatchSql.RETRYABLE).execute(Tuple.of(id));
        })
        .compose(retryable -> {
          List<Integer> rowNumbers = new ArrayList<>();
          List<String> storeIds = new ArrayList<>();
          List<String> tokenNames = new ArrayList<>();
          List<Boolean> replace = new ArrayList<>();
          for (Row row : retryable) {
            rowNumbers.add(row.getInteger("row_number"));
            storeIds.add(row.getString("store_id"));
            tokenNames.add(row.getString("token_name"));
            replace.add(row.getBoolean("replace"));
          }
          if (storeIds.isEmpty()) return Future.succeededFuture(0);
          return queue(conn, storeIds, tokenNames, replace).compose(jobs -> conn
              .preparedQuery(BatchSql.RELINK_ROWS)
              .execute(Tuple.of(id, rowNumbers.toArray(Integer[]::new),
                  storeIds.stream().map(jobs::get).toArray(UUID[]::new)))
              .map(u -> storeIds.size()));
        }))
        .map(count -> {
          if (count > 0) vertx.eventBus().publish(Signals.JOB_QUEUED, "");
          log.info("batch {}: {} rows queued again", id, count);
          return Reply.ok(new JsonObject().put("batchId", id.toString()).put("retried", count));
        });
  }

  /** Queues provisioning for the stores; each maps to its job, the new one or the active one it already had. */
  private Future<Map<String, UUID>> queue(SqlConnection conn, List<String> storeIds, List<String> tokenNames,
                                          List<Boolean> replace) {
    List<JobStore.NewJob> jobs = new ArrayList<>(storeIds.size());
    for (int i = 0; i < storeIds.size(); i++) {
      jobs.add(JobStore.NewJob.provision(storeIds.get(i), tokenNames.get(i), replace.get(i)));
    }
    return store.queue(conn, jobs).map(queued -> {
      Map<String, UUID> byStore = new HashMap<>();
      queued.forEach(job -> byStore.put(job.storeId(), job.jobId()));
      return byStore;
    });
  }

  static UUID batchId(RoutingContext rc) {
    String value = rc.pathParam("id");
    try {
      UUID id = UUID.fromString(value);
      if (id.toString().equalsIgnoreCase(value)) return id;
    } catch (IllegalArgumentException ignored) {
      // below
    }
    throw ApiException.notFound("batch " + value);
  }
}
