package com.aap.sandbox.accounts;

import java.time.Instant;

/** A signed-in browser: whose session it is, when it signed in and which company it acts for. */
public final class Session {
  private final String email;
  private final Instant signedInAt;
  private volatile Long activeCid;

  Session(String email, Instant signedInAt, Long activeCid) {
    this.email = email;
    this.signedInAt = signedInAt;
    this.activeCid = activeCid;
  }

  public String email() {
    return email;
  }

  public Instant signedInAt() {
    return signedInAt;
  }

  public Long activeCid() {
    return activeCid;
  }

  public void switchTo(long cid) {
    this.activeCid = cid;
  }
}
