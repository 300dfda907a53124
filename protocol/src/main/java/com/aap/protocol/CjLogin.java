package com.aap.protocol;

/**
 * The CJ credentials a job signs in with: the password, and whether the login has a TOTP secret. The secret
 * itself never leaves the API: when CJ asks for a one-time code the agent asks the API for one
 * ({@link AgentProtocol#oneTimeCode}). Its toString never shows the password.
 */
public record CjLogin(String id, String email, String password, boolean hasTotp) {

  @Override
  public String toString() {
    return "CjLogin[" + email + (hasTotp ? ", with TOTP" : "") + "]";
  }
}
