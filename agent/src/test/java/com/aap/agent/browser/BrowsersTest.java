package com.aap.agent.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrowsersTest {

  @Test
  void chromiumKeepsItsSandboxUnlessTheAgentRunsAsRoot() {
    assertThat(Browsers.flags(false)).doesNotContain("--no-sandbox").contains("--disable-gpu");
    assertThat(Browsers.flags(true)).contains("--no-sandbox");
  }

  @Test
  void knowsWhetherThisProcessRunsAsRoot() {
    assertThat(Browsers.runningAsRoot()).isEqualTo("root".equals(System.getProperty("user.name")));
  }
}
