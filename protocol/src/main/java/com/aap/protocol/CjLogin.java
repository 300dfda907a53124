package com.aap.protocol;

/** The CJ credentials a job signs in with. Its toString never shows the secrets. */
public record CjLogin(String id, String email, String password, String totpSecret) {

  public boolean hasTotp() {
    return totpSecret != null && !totpSecret.isBlank();
  }

  @Override
  public String toString() {
    return "CjLogin[" + email + "]";
  }
}
