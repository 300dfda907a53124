package com.aap.sandbox.faults;

import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults the sandbox injects to prove the product survives CJ misbehaving, set through
 * {@code PUT /_sandbox/faults}. Slow pages, the foreign sign-in URL, new tokens' activation delay and the 429 share are global; the rest apply to one
 * user (by email) or, without an email, to everyone. Counted faults ({@code registerFailures}, {@code commissionFailures}) are used up
 * one per call; -1 means always.
 */
public final class Faults {

  private static final String EVERYONE = "*";

  private volatile int slowPagesMillis;
  private volatile String signInUrl;
  private volatile int tokenActivationSeconds;
  private final Map<String, UserFaults> byEmail = new ConcurrentHashMap<>();
  private final AtomicLong injected = new AtomicLong();
  private final RateLimit rateLimit = new RateLimit();

  public int slowPagesMillis() {
    return slowPagesMillis;
  }

  public void slowPagesMillis(int millis) {
    slowPagesMillis = millis;
  }

  /** An absolute URL every way into sign-in from the portal leads to instead of the sandbox's own; or null. */
  public String signInUrl() {
    return signInUrl;
  }

  public void signInUrl(String url) {
    signInUrl = url;
  }

  /**
   * How long a newly issued token is refused as unauthenticated by the Commission Detail API, as CJ may
   * while a new token propagates; 0: at once.
   */
  public int tokenActivationSeconds() {
    return tokenActivationSeconds;
  }

  public void tokenActivationSeconds(int seconds) {
    tokenActivationSeconds = seconds;
  }

  /** A refusal of a token still inactive counts as an injected fault. */
  public void countInactiveToken() {
    injected.incrementAndGet();
  }

  /** The share of Commission Detail calls answered 429 (global). */
  public RateLimit rateLimit() {
    return rateLimit;
  }

  public void set(String email, UserFaults faults) {
    byEmail.put(key(email), faults);
  }

  public void clear() {
    byEmail.clear();
    slowPagesMillis = 0;
    signInUrl = null;
    tokenActivationSeconds = 0;
    rateLimit.clear();
  }

  public boolean captcha(String email) {
    return count(of(email).captcha());
  }

  public boolean secondFactor(String email) {
    return count(of(email).secondFactor());
  }

  /** After the password, a code sent to the user's mailbox must be typed. */
  public boolean emailCode(String email) {
    return count(of(email).emailCode());
  }

  /** After the email, a "confirm it's you" page. */
  public boolean confirmIdentity(String email) {
    return count(of(email).confirmIdentity());
  }

  public boolean changedLayout(String email) {
    return count(of(email).changedLayout());
  }

  public boolean takeRegisterFailure(String email) {
    return count(of(email).registerFailures().take());
  }

  public boolean takeCommissionFailure(String email) {
    return count(of(email).commissionFailures().take());
  }

  /** Slow pages count once per delayed request. */
  public void countSlowPage() {
    injected.incrementAndGet();
  }

  private boolean count(boolean fault) {
    if (fault) injected.incrementAndGet();
    return fault;
  }

  private UserFaults of(String email) {
    UserFaults own = email == null ? null : byEmail.get(key(email));
    return own != null ? own : byEmail.getOrDefault(EVERYONE, UserFaults.NONE);
  }

  private static String key(String email) {
    return email == null ? EVERYONE : email.toLowerCase(Locale.ROOT);
  }

  public JsonObject toJson() {
    JsonObject users = new JsonObject();
    byEmail.forEach((email, faults) -> users.put(email, faults.toJson()));
    return new JsonObject().put("slowPagesMs", slowPagesMillis).put("signInUrl", signInUrl)
        .put("tokenActivationSeconds", tokenActivationSeconds).put("rateLimit", rateLimit.toJson()).put("users", users)
        .put("injected", injected.get());
  }
}
