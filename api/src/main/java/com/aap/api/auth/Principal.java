package com.aap.api.auth;

import com.aap.api.http.ApiException;
import io.vertx.ext.web.RoutingContext;

/** Who is calling: an account signed in on the page, or an API key. {@code actor} is what the audit log names. */
public record Principal(String actor, String role, boolean viaSession) {

  static final String KEY = "aap.principal";

  public boolean isAdmin() {
    return "admin".equals(role);
  }

  /** The caller of a request that passed {@link Authenticate}. */
  public static Principal of(RoutingContext rc) {
    Principal principal = rc.get(KEY);
    if (principal == null) throw new ApiException(401, "unauthorized", "sign in or present an API key");
    return principal;
  }
}
