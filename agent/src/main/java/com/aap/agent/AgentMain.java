package com.aap.agent;

/** {@code java -jar agent-all.jar}: serves the API named by API_URL until stopped. */
public final class AgentMain {

  private AgentMain() {
  }

  public static void main(String[] args) {
    AgentConfig config;
    try {
      config = AgentConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("agent: bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    Agent agent = Agent.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
  }
}
