package com.aap.api;

import java.time.Duration;

/**
 * How commission sync runs: every store with a token is synced every {@code interval} (at a moment of the
 * interval fixed by its id, so stores spread out), reading from its cursor minus {@code lookbackDays};
 * {@code concurrency} syncs at a time per instance, each holding a lease of {@code leaseSeconds} that it
 * renews (a dead instance's syncs are taken over once it lapses). CJ is called at most
 * {@code callsPerMinutePerToken} times a minute per token and {@code callsPerMinute} per instance; a 5xx or
 * timeout is tried {@code callTries} times with backoff from {@code backoffBaseMillis}. A store whose last
 * {@code failuresReported} syncs failed is reported failing. A token refused {@code refusalsBeforeInvalid}
 * times over at least {@code refusalSpan} (asked again every span / (refusals - 1)) is {@code invalid}. The
 * run log keeps the runs of the last {@code logDays} days (0: every run).
 */
public record SyncSettings(Duration interval, int lookbackDays, int concurrency, int leaseSeconds,
                           int failuresReported, int callsPerMinutePerToken, int callsPerMinute, int callTries,
                           int backoffBaseMillis, int refusalsBeforeInvalid, Duration refusalSpan, int logDays) {

  public static SyncSettings defaults() {
    return new SyncSettings(Duration.ofMinutes(60), 30, 4, 60, 3, 25, 600, 5, 1000, 3, Duration.ofMinutes(30), 30);
  }

  static SyncSettings from(ConfigKeys keys) {
    SyncSettings d = defaults();
    return new SyncSettings(
        Duration.ofMinutes(keys.integer("SYNC_INTERVAL_MINUTES", 60, 1, 7 * 24 * 60)),
        keys.integer("SYNC_LOOKBACK_DAYS", d.lookbackDays, 0, 365),
        keys.integer("SYNC_CONCURRENCY", d.concurrency, 1, 256),
        keys.integer("SYNC_LEASE_SECONDS", d.leaseSeconds, 5, 3600),
        keys.integer("SYNC_FAILURES_REPORTED", d.failuresReported, 1, 1000),
        keys.integer("CJ_CALLS_PER_MINUTE_PER_TOKEN", d.callsPerMinutePerToken, 1, 100_000),
        keys.integer("CJ_CALLS_PER_MINUTE", d.callsPerMinute, 1, 1_000_000),
        keys.integer("CJ_CALL_TRIES", d.callTries, 1, 20),
        keys.integer("CJ_BACKOFF_BASE_MILLIS", d.backoffBaseMillis, 0, 60_000),
        keys.integer("TOKEN_REFUSALS_BEFORE_INVALID", d.refusalsBeforeInvalid, 2, 100),
        Duration.ofMinutes(keys.integer("TOKEN_REFUSAL_SPAN_MINUTES", 30, 0, 7 * 24 * 60)),
        keys.integer("SYNC_LOG_DAYS", d.logDays, 0, 36_500));
  }

  public SyncSettings withInterval(Duration value) {
    return new SyncSettings(value, lookbackDays, concurrency, leaseSeconds, failuresReported, callsPerMinutePerToken,
        callsPerMinute, callTries, backoffBaseMillis, refusalsBeforeInvalid, refusalSpan, logDays);
  }

  public SyncSettings withLeaseSeconds(int value) {
    return new SyncSettings(interval, lookbackDays, concurrency, value, failuresReported, callsPerMinutePerToken,
        callsPerMinute, callTries, backoffBaseMillis, refusalsBeforeInvalid, refusalSpan, logDays);
  }

  public SyncSettings withConcurrency(int value) {
    return new SyncSettings(interval, lookbackDays, value, leaseSeconds, failuresReported, callsPerMinutePerToken,
        callsPerMinute, callTries, backoffBaseMillis, refusalsBeforeInvalid, refusalSpan, logDays);
  }

  public SyncSettings withCallLimits(int perMinutePerToken, int perMinute) {
    return new SyncSettings(interval, lookbackDays, concurrency, leaseSeconds, failuresReported, perMinutePerToken,
        perMinute, callTries, backoffBaseMillis, refusalsBeforeInvalid, refusalSpan, logDays);
  }

  public SyncSettings withBackoffBaseMillis(int value) {
    return new SyncSettings(interval, lookbackDays, concurrency, leaseSeconds, failuresReported, callsPerMinutePerToken,
        callsPerMinute, callTries, value, refusalsBeforeInvalid, refusalSpan, logDays);
  }

  public SyncSettings withRefusals(int before, Duration span) {
    return new SyncSettings(interval, lookbackDays, concurrency, leaseSeconds, failuresReported, callsPerMinutePerToken,
        callsPerMinute, callTries, backoffBaseMillis, before, span, logDays);
  }

  public SyncSettings withLogDays(int value) {
    return new SyncSettings(interval, lookbackDays, concurrency, leaseSeconds, failuresReported, callsPerMinutePerToken,
        callsPerMinute, callTries, backoffBaseMillis, refusalsBeforeInvalid, refusalSpan, value);
  }

  /** The run log is pruned once an interval, and at least hourly. */
  public Duration pruneEvery() {
    return interval.compareTo(Duration.ofHours(1)) < 0 ? interval : Duration.ofHours(1);
  }

  /** A refused token is asked again this long after each refusal, so the last one falls at the end of the span. */
  public Duration recheckAfterRefusal() {
    return refusalSpan.dividedBy(refusalsBeforeInvalid - 1);
  }

  /** Leases are renewed three times per lease. */
  public Duration heartbeatEvery() {
    return Duration.ofMillis(leaseSeconds * 1000L / 3);
  }

  void validate() {
    if (interval.toSeconds() < 1) throw ConfigKeys.bad("SYNC_INTERVAL_MINUTES", "must be at least 1");
    if (lookbackDays < 0) throw ConfigKeys.bad("SYNC_LOOKBACK_DAYS", "must be 0 or more");
    if (concurrency < 1) throw ConfigKeys.bad("SYNC_CONCURRENCY", "must be at least 1");
    if (leaseSeconds < 1) throw ConfigKeys.bad("SYNC_LEASE_SECONDS", "must be at least 1");
    if (failuresReported < 1) throw ConfigKeys.bad("SYNC_FAILURES_REPORTED", "must be at least 1");
    if (callsPerMinutePerToken < 1) throw ConfigKeys.bad("CJ_CALLS_PER_MINUTE_PER_TOKEN", "must be at least 1");
    if (callsPerMinute < 1) throw ConfigKeys.bad("CJ_CALLS_PER_MINUTE", "must be at least 1");
    if (logDays < 0) throw ConfigKeys.bad("SYNC_LOG_DAYS", "must be 0 (keep every run) or more");
    if (callTries < 1) throw ConfigKeys.bad("CJ_CALL_TRIES", "must be at least 1");
    if (refusalsBeforeInvalid < 2) {
      throw ConfigKeys.bad("TOKEN_REFUSALS_BEFORE_INVALID", "must be at least 2 (a first refusal alone never invalidates)");
    }
  }
}
