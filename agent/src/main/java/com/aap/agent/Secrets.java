package com.aap.agent;

import com.aap.protocol.ClaimedJob;

/** Last line of defence: a message about a job never carries that job's secrets. */
final class Secrets {

  private Secrets() {
  }

  static String redact(String message, ClaimedJob job) {
    String safe = message == null ? "" : message;
    String password = job.login().password();
    if (password != null && !password.isEmpty()) {
      safe = safe.replace(password, "****");
    }
    return safe;
  }
}
