package com.aap.agent;

import com.aap.protocol.ClaimedJob;

/** Last line of defence: a message about a job never carries that job's secrets. */
final class Secrets {

  private Secrets() {
  }

  static String redact(String message, ClaimedJob job) {
    String safe = message == null ? "" : message;
    for (String secret : new String[] {job.login().password(), job.login().totpSecret()}) {
      if (secret != null && !secret.isEmpty()) {
        safe = safe.replace(secret, "****");
      }
    }
    return safe;
  }
}
