package com.aap.api.commissions;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WindowsTest {

  @Test
  void ninetyDaysStartAtMidnightUtcAndSplitIntoWindowsOfAtMost31Days() {
    Instant now = Instant.parse("2026-11-24T22:23:18.517Z");
    Windows windows = Windows.lastDays(90, now);

    assertThat(windows.since()).isEqualTo(Instant.parse("2026-08-26T00:00:00Z"));
    assertThat(windows.before()).isEqualTo(Instant.parse("2026-11-24T22:23:18Z"));
    List<Windows.Window> split = windows.split();
    assertThat(split).hasSize(3);
    assertThat(split.get(0).since()).isEqualTo(windows.since());
    assertThat(split.get(2).before()).isEqualTo(windows.before());
    for (int i = 0; i < split.size(); i++) {
      assertThat(Duration.between(split.get(i).since(), split.get(i).before())).isLessThanOrEqualTo(Duration.ofDays(31));
      if (i > 0) assertThat(split.get(i).since()).isEqualTo(split.get(i - 1).before());
    }
  }

  @Test
  void moneyStaysExact() {
    assertThat(Records.money("-12.50")).isEqualByComparingTo("-12.50");
    assertThat(Records.money(null)).isNull();
  }
}
