package com.aap.api.agentapi;

import io.vertx.sqlclient.Row;

/** The job kinds as the agent protocol sees them: a portal check without register must never register. */
final class PortalCheckJobs {

  static final String KIND = "portal_check";

  private PortalCheckJobs() {
  }

  static boolean isCheck(Row job) {
    return KIND.equals(job.getString("kind"));
  }

  /** A check that walks up to REGISTER and stops there. */
  static boolean looksOnly(Row job) {
    return isCheck(job) && !job.getBoolean("register");
  }
}
