package com.aap.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxConfigTest {

  @Test
  void defaultsAreThoseOfTheDesign() {
    assertThat(SandboxConfig.fromLookup(key -> null))
        .isEqualTo(new SandboxConfig(8090, false, AlertMode.ALERT, 10_000, false, 0, 0, 60, Skin.A));
  }

  @Test
  void valuesAreRead() {
    Map<String, String> env = Map.of("SANDBOX_PORT", "0", "SANDBOX_CONTROL_ENABLED", "true",
        "SANDBOX_ALERT_MODE", "modal", "SANDBOX_PAGE_LIMIT", "50", "SANDBOX_DEMO_DATA", "TRUE",
        "SANDBOX_LATENCY_MS", "300", "SANDBOX_API_LATENCY_MS", "150", "SANDBOX_SESSION_MINUTES", "5",
        "SANDBOX_SKIN", "B");

    assertThat(SandboxConfig.fromLookup(env::get))
        .isEqualTo(new SandboxConfig(0, true, AlertMode.MODAL, 50, true, 300, 150, 5, Skin.B));
  }

  @Test
  void aBadValueFailsNamingTheKey() {
    assertThatThrownBy(() -> SandboxConfig.fromLookup(Map.of("SANDBOX_ALERT_MODE", "popup")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SANDBOX_ALERT_MODE");
  }

  @Test
  void anUnknownSkinFailsNamingTheKey() {
    assertThatThrownBy(() -> SandboxConfig.fromLookup(Map.of("SANDBOX_SKIN", "d")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SANDBOX_SKIN");
  }

  @Test
  void latencyOverTenSecondsFailsNamingTheKey() {
    assertThatThrownBy(() -> SandboxConfig.fromLookup(Map.of("SANDBOX_LATENCY_MS", "10001")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SANDBOX_LATENCY_MS");
  }

  @Test
  void aZeroSessionLifetimeFailsNamingTheKey() {
    assertThatThrownBy(() -> SandboxConfig.fromLookup(Map.of("SANDBOX_SESSION_MINUTES", "0")::get))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SANDBOX_SESSION_MINUTES");
  }

  @Test
  void systemPropertyWinsOverTheDefault() {
    System.setProperty("SANDBOX_PAGE_LIMIT", "123");
    try {
      assertThat(SandboxConfig.fromEnvironment().pageLimit()).isEqualTo(123);
    } finally {
      System.clearProperty("SANDBOX_PAGE_LIMIT");
    }
  }
}
