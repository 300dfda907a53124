package com.aap.sandbox;

import io.vertx.core.json.JsonObject;

/**
 * The settings that may change while the sandbox runs ({@code PUT /_sandbox/config}). The session lifetime
 * is held in seconds so tests can make sessions expire quickly; {@code SANDBOX_SESSION_MINUTES} sets it at
 * start.
 */
public final class Settings {
  public static final int MAX_SESSION_SECONDS = SandboxConfig.MAX_SESSION_MINUTES * 60;

  private volatile AlertMode alertMode;
  private volatile int pageLimit;
  private volatile int latencyMillis;
  private volatile int apiLatencyMillis;
  private volatile int sessionSeconds;
  private volatile Skin skin;

  public Settings(SandboxConfig config) {
    this.alertMode = config.alertMode();
    this.pageLimit = config.pageLimit();
    this.latencyMillis = config.latencyMillis();
    this.apiLatencyMillis = config.apiLatencyMillis();
    this.sessionSeconds = config.sessionMinutes() * 60;
    this.skin = config.skin();
  }

  public AlertMode alertMode() {
    return alertMode;
  }

  public int pageLimit() {
    return pageLimit;
  }

  /** Added to every sign-in and developer-portal answer. */
  public int latencyMillis() {
    return latencyMillis;
  }

  /** Added to every Commission Detail API answer. */
  public int apiLatencyMillis() {
    return apiLatencyMillis;
  }

  /** How long a signed-in session lasts after sign-in. */
  public int sessionSeconds() {
    return sessionSeconds;
  }

  /** The skin of pages whose user is not known, and of users without a skin of their own. */
  public Skin skin() {
    return skin;
  }

  public void skin(Skin value) {
    this.skin = value;
  }

  public void alertMode(AlertMode value) {
    this.alertMode = value;
  }

  public void pageLimit(int value) {
    this.pageLimit = value;
  }

  public void latencyMillis(int value) {
    this.latencyMillis = value;
  }

  public void apiLatencyMillis(int value) {
    this.apiLatencyMillis = value;
  }

  public void sessionSeconds(int value) {
    this.sessionSeconds = value;
  }

  public JsonObject toJson() {
    return new JsonObject().put("alertMode", alertMode.value()).put("pageLimit", pageLimit)
        .put("latencyMillis", latencyMillis).put("apiLatencyMillis", apiLatencyMillis)
        .put("sessionSeconds", sessionSeconds).put("skin", skin.value());
  }
}
