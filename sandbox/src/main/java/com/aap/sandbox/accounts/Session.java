package com.aap.sandbox.accounts;

/** A signed-in browser: whose session it is and which company it acts for. */
public final class Session {
  private final String email;
  private volatile Long activeCid;

  Session(String email, Long activeCid) {
    this.email = email;
    this.activeCid = activeCid;
  }

  public String email() {
    return email;
  }

  public Long activeCid() {
    return activeCid;
  }

  public void switchTo(long cid) {
    this.activeCid = cid;
  }
}
