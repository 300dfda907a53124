package com.aap.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aap.api.vault.Vault;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The access keys of the configuration: the bootstrap admin, the admin API key, session lifetimes. */
class AccessSettingsTest {

  private static final String KEYSET = Vault.generateDevelopmentKeyset();

  private static ApiConfig config(String... keysAndValues) {
    Map<String, String> env = new HashMap<>(Map.of("VAULT_KEYSET", KEYSET, "AGENT_KEYS", "access-settings-agent-key-0123456789"));
    for (int i = 0; i < keysAndValues.length; i += 2) env.put(keysAndValues[i], keysAndValues[i + 1]);
    return ApiConfig.fromLookup(env::get);
  }

  @Test
  void theAdminAndItsKeyAreReadButNeverPrinted() {
    ApiConfig config = config("ADMIN_EMAIL", "root@agency.example", "ADMIN_PASSWORD", "a-long-password-1",
        "ADMIN_API_KEY", "k".repeat(32), "SESSION_IDLE_MINUTES", "15");

    assertThat(config.access().adminEmail()).isEqualTo("root@agency.example");
    assertThat(config.access().sessionIdleMinutes()).isEqualTo(15);
    assertThat(config.toString()).doesNotContain("a-long-password-1").doesNotContain("k".repeat(32));
  }

  @Test
  void anAdminEmailWithoutAPasswordFailsNamingTheMissingKey() {
    assertThatThrownBy(() -> config("ADMIN_EMAIL", "root@agency.example"))
        .hasMessageStartingWith("ADMIN_PASSWORD");
  }

  @Test
  void aShortAdminPasswordOrApiKeyFailsNamingItsKey() {
    assertThatThrownBy(() -> config("ADMIN_EMAIL", "root@agency.example", "ADMIN_PASSWORD", "short"))
        .hasMessageStartingWith("ADMIN_PASSWORD");
    assertThatThrownBy(() -> config("ADMIN_API_KEY", "short")).hasMessageStartingWith("ADMIN_API_KEY");
  }
}
