package com.aap.stack.syncbench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.Locale;

/**
 * scripts/bench-sync: the recurring commission sync at scale. Options (defaults in brackets): --stores N [10000],
 * --commissions C [60] per store's company (spread over 119 days, every tenth corrected), --interval-minutes I
 * [6], --measure-minutes M [5]. First every store's first run (the 90-day retrieval), all due at once: the
 * database's growth per million records comes from it. Then, from half an interval after those were due (when
 * the stores' own moments take over), M minutes of the recurring sync at an interval of I minutes, i.e. 60 / I
 * times the hourly rate: syncs per minute, the API's CPU seconds per store-sync, the p95 lag
 * of a run's start behind its scheduled moment, and from the CPU per sync the share of one core 10,000 stores
 * hourly take. Exits 1 when that share is 10 % or more.
 */
public final class SyncBench {

  private static final double HOURLY_TARGET_CORE_SHARE = 0.10;

  private SyncBench() {
  }

  public static void main(String[] args) throws Exception {
    int stores = option(args, "--stores", 10_000);
    int commissions = option(args, "--commissions", 60);
    int interval = option(args, "--interval-minutes", 6);
    int measure = option(args, "--measure-minutes", 5);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("com.aap"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    try (SyncBenchStack stack = new SyncBenchStack(Path.of("target", "bench-sync"), interval);
         Connection db = stack.connect()) {
      long seeding = System.nanoTime();
      List<String> ids = stack.seed(stores, commissions);
      long seeded = databaseSize(db);
      System.err.printf("seeded %d stores in %.0f s%n", ids.size(), (System.nanoTime() - seeding) / 1e9);

      double cpuBefore = stack.apiCpuSeconds();
      long firstStart = System.nanoTime();
      awaitFirstRuns(db, stores);
      double firstSeconds = (System.nanoTime() - firstStart) / 1e9;
      double firstCpu = stack.apiCpuSeconds() - cpuBefore;
      long records = single(db, "SELECT count(*) FROM commissions");
      long grown = databaseSize(db) - seeded;

      // every store's next run is due half an interval after its first was (then once an interval): the schedule
      // is in its steady state from then on
      long steady = seeding + interval * 30_000_000_000L + 10_000_000_000L;
      sleep(Math.max(0, (steady - System.nanoTime()) / 1_000_000));
      Timestamp from = now(db);
      double cpu0 = stack.apiCpuSeconds();
      sleep(measure * 60_000L);
      double cpu = stack.apiCpuSeconds() - cpu0;
      Timestamp to = now(db);
      Window window = window(db, from, to);

      double cpuPerSync = cpu / Math.max(1, window.syncs);
      double hourlyShare = cpuPerSync * 10_000 / 3600;
      System.out.println(String.format(Locale.ROOT, """
          bench-sync: %,d stores, %d commissions per company, sync every %d min (%.0fx the hourly rate), sandbox at 0 ms
            first runs (90 days, all due at once): %,d in %.0f s (%,.0f per min), API CPU %.4f s per run
            database growth: %,d MiB for %,d records = %,.0f MiB per million records
            recurring sync over %d min: %,d syncs (%,d failed) = %,.0f syncs per min (schedule: %,.0f per min)
            API CPU: %.1f s = %.4f s per store-sync; %.1f %% of one core at this rate
            lag of a run's start behind its moment: p50 %.2f s, p95 %.2f s, max %.2f s
            10,000 stores hourly: %.4f s x 10,000 / 3,600 s = %.2f %% of one core (target: under 10 %%): %s""",
          stores, commissions, interval, 60.0 / interval, stores, firstSeconds, stores / firstSeconds * 60,
          firstCpu / stores, grown >> 20, records, grown / 1048576.0 / records * 1_000_000,
          measure, window.syncs, window.failed, window.syncs / (double) measure, stores / (double) interval,
          cpu, cpuPerSync, cpu / (measure * 60.0) * 100, window.p50, window.p95, window.max,
          cpuPerSync, hourlyShare * 100, hourlyShare < HOURLY_TARGET_CORE_SHARE ? "met" : "MISSED"));
      System.exit(hourlyShare < HOURLY_TARGET_CORE_SHARE && window.failed == 0 ? 0 : 1);
    }
  }

  private record Window(long syncs, long failed, double p50, double p95, double max) {
  }

  /** The recurring runs that started in [from, to): how many finished, failed, and how late they started. */
  private static Window window(Connection db, Timestamp from, Timestamp to) throws SQLException {
    try (PreparedStatement st = db.prepareStatement("""
        SELECT count(*) FILTER (WHERE finished_at IS NOT NULL),
               count(*) FILTER (WHERE state = 'failed'),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)),
               percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM started_at - scheduled_for)),
               max(extract(epoch FROM started_at - scheduled_for))
          FROM commission_retrievals WHERE started_at >= ? AND started_at < ? AND scheduled_for >= ?""")) {
      st.setTimestamp(1, from);
      st.setTimestamp(2, to);
      st.setTimestamp(3, from);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return new Window(rs.getLong(1), rs.getLong(2), rs.getDouble(3), rs.getDouble(4), rs.getDouble(5));
      }
    }
  }

  private static void awaitFirstRuns(Connection db, int stores) throws SQLException {
    long done;
    while ((done = single(db, "SELECT count(*) FROM store_syncs WHERE last_finished_at IS NOT NULL")) < stores) {
      System.err.printf("first runs: %,d of %,d%n", done, stores);
      sleep(10_000);
    }
  }

  private static long databaseSize(Connection db) throws SQLException {
    return single(db, "SELECT pg_database_size(current_database())");
  }

  private static Timestamp now(Connection db) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
      rs.next();
      return rs.getTimestamp(1);
    }
  }

  private static long single(Connection db, String sql) throws SQLException {
    try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int option(String[] args, String name, int defaultValue) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) return Integer.parseInt(args[i + 1]);
    }
    return defaultValue;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
