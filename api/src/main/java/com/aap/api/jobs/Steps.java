package com.aap.api.jobs;

import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.core.Future;

import java.util.UUID;

/** Appends to a job's step log. */
public final class Steps {

  private Steps() {
  }

  private static final String INSERT = "INSERT INTO job_steps (job_id, name) VALUES ($1, $2)";

  public static Future<Void> add(SqlClient client, UUID jobId, String name) {
    return client.preparedQuery(INSERT).execute(Tuple.of(jobId, name)).mapEmpty();
  }
}
