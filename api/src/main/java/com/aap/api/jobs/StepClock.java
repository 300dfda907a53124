package com.aap.api.jobs;

import com.aap.protocol.Step;

/**
 * Told of each step {@link JobStore} logs with how long after the job's previous step it came, as the step
 * log in PostgreSQL says (the same on every API instance): the step histograms' source.
 */
@FunctionalInterface
public interface StepClock {

  StepClock NONE = (step, seconds) -> { };

  void reached(Step step, double secondsSincePrevious);
}
