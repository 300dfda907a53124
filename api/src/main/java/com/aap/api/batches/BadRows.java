package com.aap.api.batches;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Set;

/** The problems found in a batch's rows: row number, field, and what is wrong (never the value). */
final class BadRows {

  private final JsonArray problems = new JsonArray();
  private final Set<Integer> rows = new HashSet<>();

  void add(int row, String field, String problem) {
    problems.add(new JsonObject().put("row", row).put("field", field).put("problem", problem));
    rows.add(row);
  }

  boolean isBad(int row) {
    return rows.contains(row);
  }

  JsonArray json() {
    return problems;
  }
}
