package com.aap.api.jobs;

import com.aap.api.http.ApiException;
import com.aap.api.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of provisioning: the first successful answer for a store and key is
 * stored in PostgreSQL, in the same transaction as the job, and a repeat gets that answer again.
 */
final class IdempotencyKeys {

  static final String HEADER = "Idempotency-Key";
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,200}");
  private static final String REPEAT_HEADER_FIELD = "__repeat";

  private IdempotencyKeys() {
  }

  static String of(RoutingContext rc) {
    String key = rc.request().getHeader(HEADER);
    if (key == null) return null;
    if (!KEY.matcher(key).matches()) {
      throw new ApiException(400, "invalid_idempotency_key",
          "the Idempotency-Key header must be 1 to 200 visible ASCII characters");
    }
    return key;
  }

  static Future<Reply> answer(SqlConnection conn, String storeId, String key, Supplier<Future<Reply>> first) {
    return conn.preparedQuery(JobSql.IDEMPOTENT_ANSWER).execute(Tuple.of(storeId, key)).compose(rows -> {
      if (rows.size() > 0) return Future.succeededFuture(repeat(rows.iterator().next()));
      return first.get().compose(reply -> conn.preparedQuery(JobSql.REMEMBER_ANSWER)
          .execute(Tuple.of(storeId, key, reply.status(), reply.body()))
          .compose(saved -> saved.rowCount() == 1 ? Future.succeededFuture(reply)
              // a concurrent request with the same key committed first: its answer is the answer
              : conn.preparedQuery(JobSql.IDEMPOTENT_ANSWER).execute(Tuple.of(storeId, key))
                  .map(again -> repeat(again.iterator().next()))));
    });
  }

  private static Reply repeat(Row row) {
    JsonObject body = ((JsonObject) row.getJson("response")).copy();
    return new Reply(row.getInteger("status"), body.put(REPEAT_HEADER_FIELD, true));
  }

  /** A repeat is not a new job: nothing to announce. Strips the marker from the body. */
  static boolean isRepeat(Reply reply) {
    return reply.body() != null && reply.body().remove(REPEAT_HEADER_FIELD) != null;
  }
}
