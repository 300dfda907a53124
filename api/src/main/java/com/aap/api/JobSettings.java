package com.aap.api;

/** How the job queue behaves: attempts before a transient failure becomes final. */
public record JobSettings(int maxAttempts) {

  public static JobSettings defaults() {
    return new JobSettings(3);
  }

  static JobSettings from(ConfigKeys keys) {
    return new JobSettings(keys.integer("JOB_MAX_ATTEMPTS", 3, 1, 100));
  }

  void validate() {
    if (maxAttempts < 1) throw ConfigKeys.bad("JOB_MAX_ATTEMPTS", "must be at least 1");
  }
}
