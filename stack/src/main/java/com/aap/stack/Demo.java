package com.aap.stack;

import com.aap.agent.Agent;
import com.aap.agent.AgentConfig;
import com.aap.api.ApiConfig;
import com.aap.api.ApiServer;
import com.aap.api.vault.Vault;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything in one process on embedded defaults: the CJ sandbox with demo data, the API on an
 * embedded PostgreSQL (unless DATABASE_URL is set), and one agent. Seeds the demo stores and prints
 * where to look. Ports come from SANDBOX_PORT and API_PORT.
 */
public final class Demo {

  private static final Logger log = LoggerFactory.getLogger(Demo.class);

  private Demo() {
  }

  public static void main(String[] args) throws Exception {
    SandboxServer sandbox = SandboxServer.start(
        SandboxConfig.fromEnvironment().withDemoData(true).withControlEnabled(true));
    defaultTo("CJ_COMMISSIONS_URL", sandbox.baseUrl() + "/query");
    defaultTo("CJ_PORTAL_URL", sandbox.baseUrl() + "/");
    if (defaultTo("AGENT_KEYS", randomKey())) {
      System.setProperty("AGENT_KEY", System.getProperty("AGENT_KEYS"));
    }
    if (defaultTo("VAULT_KEYSET", Vault.generateDevelopmentKeyset())) {
      log.warn("VAULT_KEYSET is not set: using a development key generated for this run only. "
          + "Tokens stored now cannot be decrypted by another run; never use this in production.");
    }
    boolean generatedPassword = defaultTo("ADMIN_PASSWORD", randomKey());
    defaultTo("ADMIN_EMAIL", DemoStores.ADMIN_EMAIL);
    if (defaultTo("ADMIN_API_KEY", "aap_demo_" + randomKey())) {
      log.warn("ADMIN_API_KEY is not set: using an admin API key generated for this run only.");
    }
    ApiServer api = ApiServer.start(ApiConfig.fromEnvironment());
    defaultTo("API_URL", api.baseUrl());
    String apiKey = setting("ADMIN_API_KEY");
    DemoStores.seed(api.baseUrl(), apiKey);
    Agent agent = Agent.start(AgentConfig.fromEnvironment());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      agent.close();
      api.close();
      sandbox.close();
    }, "demo-shutdown"));
    System.out.println(DemoStores.welcome(api.baseUrl(), sandbox.baseUrl(), setting("ADMIN_EMAIL"),
        setting("ADMIN_PASSWORD"), generatedPassword, apiKey));
  }

  /** Sets a system property unless the key is already configured; says whether it did. */
  private static boolean defaultTo(String key, String value) {
    if (System.getProperty(key) != null || System.getenv(key) != null) {
      return false;
    }
    System.setProperty(key, value);
    return true;
  }

  private static String setting(String key) {
    return System.getProperty(key) != null ? System.getProperty(key) : System.getenv(key);
  }

  private static String randomKey() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
