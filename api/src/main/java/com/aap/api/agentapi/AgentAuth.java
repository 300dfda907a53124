package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Errors;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Requires {@code Authorization: Bearer <agent key>}: one of the configured {@code AGENT_KEYS} or an active
 * registered key ({@link AgentKeys}), looked up on every request so a revoked key is refused at once. The
 * admitted key is the request's {@link AgentIdentity}.
 */
public final class AgentAuth implements Handler<RoutingContext> {

  private final AgentKeys keys;

  public AgentAuth(AgentKeys keys) {
    this.keys = keys;
  }

  /** The registered agent keys, for the admins' routes that manage them. */
  public AgentKeys keys() {
    return keys;
  }

  @Override
  public void handle(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    keys.find(presented).onSuccess(identity -> {
      if (identity == null) {
        Errors.send(rc, new ApiException(401, "unauthorized", "a valid agent key is required"));
        return;
      }
      rc.put(AgentIdentity.KEY, identity);
      rc.next();
    }).onFailure(rc::fail);
  }
}
