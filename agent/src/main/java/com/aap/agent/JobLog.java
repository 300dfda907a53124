package com.aap.agent;

import com.aap.protocol.ClaimedJob;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * The job a log line is about, as logging context (MDC) fields {@code jobId} and {@code storeId}:
 * {@code LOG_FORMAT=json} writes them as fields of every line logged while the worker runs the job, and on
 * the thread that sends its steps. Neither is a secret.
 */
final class JobLog implements AutoCloseable {

  static final String JOB_ID = "jobId";
  static final String STORE_ID = "storeId";

  private JobLog() {
  }

  /** Lines logged on this thread until {@link #close()} carry the job's fields. */
  static JobLog about(ClaimedJob job) {
    MDC.put(JOB_ID, job.jobId());
    MDC.put(STORE_ID, job.storeId());
    return new JobLog();
  }

  /** Runs each task with the logging context of the thread that handed it over. */
  static Executor carrying(Executor executor) {
    return task -> {
      Map<String, String> context = MDC.getCopyOfContextMap();
      executor.execute(() -> {
        if (context != null) {
          MDC.setContextMap(context);
        }
        try {
          task.run();
        } finally {
          MDC.clear();
        }
      });
    };
  }

  @Override
  public void close() {
    MDC.remove(JOB_ID);
    MDC.remove(STORE_ID);
  }
}
