package com.aap.api;

import com.aap.protocol.AgentProtocol;

/**
 * How much the API gives one caller before it stops listening: how long a connection may sit idle and a
 * request may take.
 */
public record LimitSettings(int httpIdleTimeoutSeconds, int httpRequestTimeoutSeconds) {

  /**
   * A claim's long-poll holds its connection this long without a byte, so the idle timeout must outlast it;
   * the claim route gets at least this long whatever the request timeout.
   */
  public static final int LONG_POLL_SECONDS = AgentProtocol.MAX_WAIT_SECONDS + 5;

  public static LimitSettings defaults() {
    return new LimitSettings(60, 60);
  }

  static LimitSettings from(ConfigKeys keys) {
    LimitSettings d = defaults();
    return new LimitSettings(
        keys.integer("HTTP_IDLE_TIMEOUT_SECONDS", d.httpIdleTimeoutSeconds, LONG_POLL_SECONDS, 3600),
        keys.integer("HTTP_REQUEST_TIMEOUT_SECONDS", d.httpRequestTimeoutSeconds, 5, 3600));
  }

  public LimitSettings withHttpTimeouts(int idleSeconds, int requestSeconds) {
    return new LimitSettings(idleSeconds, requestSeconds);
  }

  void validate() {
    if (httpIdleTimeoutSeconds < LONG_POLL_SECONDS) {
      throw ConfigKeys.bad("HTTP_IDLE_TIMEOUT_SECONDS", "must be at least " + LONG_POLL_SECONDS
          + " (an agent's claim waits up to " + AgentProtocol.MAX_WAIT_SECONDS + " s without a byte)");
    }
    if (httpRequestTimeoutSeconds < 5) throw ConfigKeys.bad("HTTP_REQUEST_TIMEOUT_SECONDS", "must be at least 5");
  }
}
