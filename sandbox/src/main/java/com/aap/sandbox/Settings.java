package com.aap.sandbox;

import io.vertx.core.json.JsonObject;

/** The settings that may change while the sandbox runs ({@code PUT /_sandbox/config}). */
public final class Settings {
  private volatile AlertMode alertMode;
  private volatile int pageLimit;

  public Settings(AlertMode alertMode, int pageLimit) {
    this.alertMode = alertMode;
    this.pageLimit = pageLimit;
  }

  public AlertMode alertMode() {
    return alertMode;
  }

  public int pageLimit() {
    return pageLimit;
  }

  public void alertMode(AlertMode value) {
    this.alertMode = value;
  }

  public void pageLimit(int value) {
    this.pageLimit = value;
  }

  public JsonObject toJson() {
    return new JsonObject().put("alertMode", alertMode.value()).put("pageLimit", pageLimit);
  }
}
