package com.aap.agent;

import com.aap.protocol.Step;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * How long the agent waits for things: a page element ({@code AGENT_PAGE_TIMEOUT_SECONDS}, navigations
 * get twice that), the API at hand-over while it holds a token in memory
 * ({@code AGENT_HANDOVER_PATIENCE_SECONDS}), and its turn to sign in with a CJ login another job is using
 * ({@code AGENT_SIGN_IN_WAIT_SECONDS}). {@code AGENT_TEST_PAUSE_AFTER=step:millis} holds a job after a
 * step, so crash tests can kill the agent at a known point; it is never set in production.
 */
public record Patience(Duration page, Duration handOver, Duration signInWait, String pauseAfterStep,
                       Duration pause) {

  public static Patience defaults() {
    return new Patience(Duration.ofSeconds(15), Duration.ofMinutes(10), Duration.ofMinutes(2), null, Duration.ZERO);
  }

  static Patience from(Function<String, Optional<String>> source) {
    Patience d = defaults();
    String[] pause = source.apply("AGENT_TEST_PAUSE_AFTER").map(v -> v.split(":", 2)).orElse(null);
    if (pause != null && pause.length != 2) {
      throw new IllegalArgumentException("AGENT_TEST_PAUSE_AFTER must be step:millis");
    }
    if (pause != null && Step.find(pause[0]) == null) {
      throw new IllegalArgumentException("AGENT_TEST_PAUSE_AFTER names no step: " + pause[0]);
    }
    return new Patience(
        seconds(source, "AGENT_PAGE_TIMEOUT_SECONDS", d.page),
        seconds(source, "AGENT_HANDOVER_PATIENCE_SECONDS", d.handOver),
        seconds(source, "AGENT_SIGN_IN_WAIT_SECONDS", d.signInWait),
        pause == null ? null : pause[0],
        pause == null ? Duration.ZERO : Duration.ofMillis(AgentConfig.integer("AGENT_TEST_PAUSE_AFTER", pause[1])));
  }

  private static Duration seconds(Function<String, Optional<String>> source, String key, Duration fallback) {
    Optional<String> value = source.apply(key);
    if (value.isEmpty()) return fallback;
    int seconds = AgentConfig.integer(key, value.get());
    if (seconds < 1) throw new IllegalArgumentException(key + " must be at least 1 second, was " + seconds);
    return Duration.ofSeconds(seconds);
  }

  /** The test hook: sleeps when {@code step} is the one to pause after. */
  void pauseAfter(Step step) {
    if (step.wire().equals(pauseAfterStep)) Worker.pause(pause.toMillis());
  }
}
