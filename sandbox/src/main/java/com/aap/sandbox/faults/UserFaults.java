package com.aap.sandbox.faults;

import io.vertx.core.json.JsonObject;
import java.util.concurrent.atomic.AtomicInteger;

/** One user's faults: pages CJ may show instead of the usual ones, and failures to serve N times. */
public record UserFaults(boolean captcha, boolean secondFactor, boolean changedLayout, Counter registerFailures,
                         Counter commissionFailures, boolean emailCode, boolean confirmIdentity) {

  static final UserFaults NONE = new UserFaults(false, false, false, new Counter(0), new Counter(0), false, false);

  public JsonObject toJson() {
    return new JsonObject().put("captcha", captcha).put("secondFactor", secondFactor)
        .put("changedLayout", changedLayout).put("registerFailures", registerFailures.left())
        .put("commissionFailures", commissionFailures.left()).put("emailCode", emailCode)
        .put("confirmIdentity", confirmIdentity);
  }

  /** Fails the next {@code n} calls; -1 fails every call. */
  public static final class Counter {
    private final AtomicInteger left;

    public Counter(int n) {
      left = new AtomicInteger(n);
    }

    boolean take() {
      return left.getAndUpdate(n -> n > 0 ? n - 1 : n) != 0;
    }

    int left() {
      return left.get();
    }
  }
}
