package com.aap.stack;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every log line of the test JVM (API, agent and sandbox alike) so a test can search them. */
public final class RecordingAppender extends AppenderBase<ILoggingEvent> {

  static final List<String> LINES = new CopyOnWriteArrayList<>();

  /** Every line logged so far in this JVM. */
  public static List<String> lines() {
    return List.copyOf(LINES);
  }

  @Override
  protected void append(ILoggingEvent event) {
    var line = new StringBuilder(event.getLoggerName()).append(' ').append(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      line.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    LINES.add(line.toString());
  }
}
