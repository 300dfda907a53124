package com.aap.protocol;

/**
 * What a job does: {@code provision} registers the store's token and hands it over; {@code portal_check}
 * walks the portal and reports each element it looked for (with {@code register}, it also registers).
 */
public enum JobKind {
  PROVISION, PORTAL_CHECK;

  public String wire() {
    return Wire.name(this);
  }

  @Override
  public String toString() {
    return wire();
  }

  public static JobKind of(String text) {
    JobKind kind = Wire.find(JobKind.class, text);
    if (kind == null) throw new IllegalArgumentException("no job kind " + text);
    return kind;
  }
}
