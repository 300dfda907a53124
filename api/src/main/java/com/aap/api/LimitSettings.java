package com.aap.api;

import com.aap.protocol.AgentProtocol;

/**
 * How much the API gives one caller before it stops listening: how long a connection may sit idle and a
 * request may take, how many password checks run and wait at once, how many failed sign-ins an account
 * (in PostgreSQL, shared by every instance) and a client address (in this instance's memory) may have
 * before a lockout, and how many live event streams a session may hold open.
 */
public record LimitSettings(int httpIdleTimeoutSeconds, int httpRequestTimeoutSeconds, int passwordThreads,
                            int passwordQueue, int signInMaxFailures, int signInMaxFailuresPerIp,
                            int signInLockoutMinutes, int eventStreamsPerSession, int eventStreamCheckSeconds) {

  /**
   * A claim's long-poll holds its connection this long without a byte, so the idle timeout must outlast it;
   * the claim route gets at least this long whatever the request timeout.
   */
  public static final int LONG_POLL_SECONDS = AgentProtocol.MAX_WAIT_SECONDS + 5;

  public static LimitSettings defaults() {
    return new LimitSettings(60, 60, defaultPasswordThreads(), 32, 10, 50, 15, 5, 10);
  }

  /** Half the cores, at least two: password checks are pure CPU and must leave the event loops room. */
  static int defaultPasswordThreads() {
    return Math.max(2, Runtime.getRuntime().availableProcessors() / 2);
  }

  static LimitSettings from(ConfigKeys keys) {
    LimitSettings d = defaults();
    return new LimitSettings(
        keys.integer("HTTP_IDLE_TIMEOUT_SECONDS", d.httpIdleTimeoutSeconds, LONG_POLL_SECONDS, 3600),
        keys.integer("HTTP_REQUEST_TIMEOUT_SECONDS", d.httpRequestTimeoutSeconds, 5, 3600),
        keys.integer("PASSWORD_HASH_THREADS", d.passwordThreads, 1, 64),
        keys.integer("PASSWORD_HASH_QUEUE", d.passwordQueue, 0, 10_000),
        keys.integer("SIGN_IN_MAX_FAILURES", d.signInMaxFailures, 1, 1000),
        keys.integer("SIGN_IN_MAX_FAILURES_PER_IP", d.signInMaxFailuresPerIp, 1, 100_000),
        keys.integer("SIGN_IN_LOCKOUT_MINUTES", d.signInLockoutMinutes, 1, 24 * 60),
        keys.integer("EVENT_STREAMS_PER_SESSION", d.eventStreamsPerSession, 1, 100),
        keys.integer("EVENT_STREAM_CHECK_SECONDS", d.eventStreamCheckSeconds, 1, 3600));
  }

  public LimitSettings withSignIn(int maxFailures, int maxFailuresPerIp, int lockoutMinutes) {
    return new LimitSettings(httpIdleTimeoutSeconds, httpRequestTimeoutSeconds, passwordThreads, passwordQueue,
        maxFailures, maxFailuresPerIp, lockoutMinutes, eventStreamsPerSession, eventStreamCheckSeconds);
  }

  public LimitSettings withPasswordHashing(int threads, int queue) {
    return new LimitSettings(httpIdleTimeoutSeconds, httpRequestTimeoutSeconds, threads, queue,
        signInMaxFailures, signInMaxFailuresPerIp, signInLockoutMinutes, eventStreamsPerSession, eventStreamCheckSeconds);
  }

  public LimitSettings withEventStreams(int perSession, int checkSeconds) {
    return new LimitSettings(httpIdleTimeoutSeconds, httpRequestTimeoutSeconds, passwordThreads, passwordQueue,
        signInMaxFailures, signInMaxFailuresPerIp, signInLockoutMinutes, perSession, checkSeconds);
  }

  public LimitSettings withHttpTimeouts(int idleSeconds, int requestSeconds) {
    return new LimitSettings(idleSeconds, requestSeconds, passwordThreads, passwordQueue, signInMaxFailures,
        signInMaxFailuresPerIp, signInLockoutMinutes, eventStreamsPerSession, eventStreamCheckSeconds);
  }

  void validate() {
    if (httpIdleTimeoutSeconds < LONG_POLL_SECONDS) {
      throw ConfigKeys.bad("HTTP_IDLE_TIMEOUT_SECONDS", "must be at least " + LONG_POLL_SECONDS
          + " (an agent's claim waits up to " + AgentProtocol.MAX_WAIT_SECONDS + " s without a byte)");
    }
    if (httpRequestTimeoutSeconds < 5) throw ConfigKeys.bad("HTTP_REQUEST_TIMEOUT_SECONDS", "must be at least 5");
    if (passwordThreads < 1) throw ConfigKeys.bad("PASSWORD_HASH_THREADS", "must be at least 1");
    if (passwordQueue < 0) throw ConfigKeys.bad("PASSWORD_HASH_QUEUE", "must be 0 or more");
    if (signInMaxFailures < 1) throw ConfigKeys.bad("SIGN_IN_MAX_FAILURES", "must be at least 1");
    if (signInMaxFailuresPerIp < 1) throw ConfigKeys.bad("SIGN_IN_MAX_FAILURES_PER_IP", "must be at least 1");
    if (signInLockoutMinutes < 1) throw ConfigKeys.bad("SIGN_IN_LOCKOUT_MINUTES", "must be at least 1");
    if (eventStreamsPerSession < 1) throw ConfigKeys.bad("EVENT_STREAMS_PER_SESSION", "must be at least 1");
    if (eventStreamCheckSeconds < 1) throw ConfigKeys.bad("EVENT_STREAM_CHECK_SECONDS", "must be at least 1");
  }
}
