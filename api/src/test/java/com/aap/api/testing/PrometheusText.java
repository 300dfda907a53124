package com.aap.api.testing;

import java.util.Arrays;

/** Reads samples out of a Prometheus text scrape, for the API's and the agent's metrics tests. */
public final class PrometheusText {

  private PrometheusText() {
  }

  /**
   * The sum of the samples of {@code name} whose labels include every one of {@code labels} (each a
   * {@code key="value"} or any part of the label set); 0 when there is none.
   */
  public static double sample(String text, String name, String... labels) {
    return text.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
        .filter(line -> Arrays.stream(labels).allMatch(line::contains))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
  }
}
