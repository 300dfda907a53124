package com.aap.api.jobs;

import org.slf4j.Logger;
import org.slf4j.MDC;

/**
 * A log line about one job, carrying the job's id as the logging context (MDC) field {@code jobId}: with
 * {@code LOG_FORMAT=json} it is a field of the line, {@code "mdc":{"jobId":"…"}}, as in the agent's lines, so
 * one query finds a job's lines from every API instance and agent. Vert.x runs a job's work as callbacks on
 * shared event-loop threads, so the field is set around the one call, never left on the thread.
 */
public final class JobLog {

  public static final String JOB_ID = "jobId";

  private JobLog() {
  }

  public static void info(Logger log, Object jobId, String format, Object... arguments) {
    if (!log.isInfoEnabled()) return;
    try (MDC.MDCCloseable field = MDC.putCloseable(JOB_ID, String.valueOf(jobId))) {
      log.info(format, arguments);
    }
  }

  public static void warn(Logger log, Object jobId, String format, Object... arguments) {
    if (!log.isWarnEnabled()) return;
    try (MDC.MDCCloseable field = MDC.putCloseable(JOB_ID, String.valueOf(jobId))) {
      log.warn(format, arguments);
    }
  }

  public static void error(Logger log, Object jobId, String format, Object... arguments) {
    if (!log.isErrorEnabled()) return;
    try (MDC.MDCCloseable field = MDC.putCloseable(JOB_ID, String.valueOf(jobId))) {
      log.error(format, arguments);
    }
  }
}
