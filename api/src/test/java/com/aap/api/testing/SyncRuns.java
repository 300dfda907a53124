package com.aap.api.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The commission sync's runs as PostgreSQL holds them ({@code commission_retrievals}), for assertions. */
public final class SyncRuns {

  public record Run(String storeId, String state, Instant since, Instant before, Instant scheduledFor,
                    Instant startedAt, Instant finishedAt, String instance, int takeovers, int inserted, String error) {
  }

  private SyncRuns() {
  }

  /** Every run, by store and scheduled moment. */
  public static List<Run> all() {
    return query("SELECT * FROM commission_retrievals ORDER BY store_id, scheduled_for", null);
  }

  public static List<Run> of(String storeId) {
    return query("SELECT * FROM commission_retrievals WHERE store_id = ? ORDER BY scheduled_for", storeId);
  }

  /** Waits for a run of the store that started after {@code after} and has finished; returns it. */
  public static Run awaitFinished(String storeId, Instant after, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (Run run : of(storeId)) {
        if (run.finishedAt() != null && run.startedAt().isAfter(after)) return run;
      }
      TestApi.sleep(50);
    }
    throw new AssertionError("no run of store " + storeId + " started after " + after + " and finished within "
        + timeout + ": " + of(storeId));
  }

  private static List<Run> query(String sql, String storeId) {
    List<Run> runs = new ArrayList<>();
    try (Connection conn = TestDatabase.connect(); PreparedStatement st = conn.prepareStatement(sql)) {
      if (storeId != null) st.setString(1, storeId);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          runs.add(new Run(rs.getString("store_id"), rs.getString("state"), instant(rs, "since"), instant(rs, "before"),
              instant(rs, "scheduled_for"), instant(rs, "started_at"), instant(rs, "finished_at"),
              rs.getString("instance"), rs.getInt("takeovers"), rs.getInt("inserted"), rs.getString("error")));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return runs;
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
