package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import io.vertx.ext.web.RoutingContext;

/**
 * The agent key a request of the agent protocol presented: a registered key ({@code keyId} set) or one of
 * the configured {@code AGENT_KEYS} ({@code keyId} null, named by its position, {@code AGENT_KEYS#2}).
 * {@link #actor()} is what the audit log names.
 */
public record AgentIdentity(String keyId, String keyName) {

  static final String KEY = "aap.agent";

  public String actor() {
    return "agent-key " + keyName;
  }

  /** The identity {@link AgentAuth} admitted the request with. */
  static AgentIdentity of(RoutingContext rc) {
    AgentIdentity identity = rc.get(KEY);
    if (identity == null) throw new ApiException(401, "unauthorized", "a valid agent key is required");
    return identity;
  }
}
