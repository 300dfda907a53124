package com.aap.api.agentapi;

import com.aap.api.http.ApiException;
import com.aap.api.http.Errors;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Requires {@code Authorization: Bearer <agent key>}, compared in constant time against every key. */
public final class AgentAuth implements Handler<RoutingContext> {

  private final List<byte[]> keys;

  public AgentAuth(List<String> keys) {
    this.keys = keys.stream().map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
  }

  @Override
  public void handle(RoutingContext rc) {
    String header = rc.request().getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) && matches(header.substring(7).trim())) {
      rc.next();
    } else {
      Errors.send(rc, new ApiException(401, "unauthorized", "a valid agent key is required"));
    }
  }

  private boolean matches(String presented) {
    byte[] candidate = presented.getBytes(StandardCharsets.UTF_8);
    boolean match = false;
    for (byte[] key : keys) {
      match |= MessageDigest.isEqual(key, candidate); // no early exit
    }
    return match;
  }
}
