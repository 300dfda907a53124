package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Errors;
import io.vertx.core.Handler;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/**
 * Requires {@code Authorization: Bearer <agent key>}: one of the configured {@code AGENT_KEYS} or an active
 * registered key ({@link AgentKeys}), looked up on every request so a revoked key is refused at once. A
 * source address with too many failures is answered 429 with {@code Retry-After} before its key is looked at
 * ({@link FailedAuthentications}). The admitted key is the request's {@link AgentIdentity}.
 */
public final class AgentAuth implements Handler<RoutingContext> {

  private final AgentKeys keys;
  private final FailedAuthentications failures;

  public AgentAuth(AgentKeys keys) {
    this(keys, new FailedAuthentications());
  }

  AgentAuth(AgentKeys keys, FailedAuthentications failures) {
    this.keys = keys;
    this.failures = failures;
  }

  /** The registered agent keys, for the admins' routes that manage them. */
  public AgentKeys keys() {
    return keys;
  }

  @Override
  public void handle(RoutingContext rc) {
    String address = address(rc);
    Duration wait = failures.retryAfter(address);
    if (!wait.isZero()) {
      rc.response().putHeader("Retry-After", String.valueOf((wait.toMillis() + 999) / 1000));
      Errors.send(rc, new ApiException(429, "too_many_failed_authentications",
          "too many requests with a wrong agent key from this address; try again later"));
      return;
    }
    String header = rc.request().getHeader("Authorization");
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : "";
    keys.find(presented).onSuccess(identity -> {
      if (identity == null) {
        failures.failed(address);
        Errors.send(rc, new ApiException(401, "unauthorized", "a valid agent key is required"));
        return;
      }
      rc.put(AgentIdentity.KEY, identity);
      rc.next();
    }).onFailure(rc::fail);
  }

  private static String address(RoutingContext rc) {
    SocketAddress remote = rc.request().remoteAddress();
    return remote == null || remote.hostAddress() == null ? "unknown" : remote.hostAddress();
  }
}
