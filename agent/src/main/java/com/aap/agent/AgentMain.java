package com.aap.agent;

/** {@code java -jar agent-all.jar}: serves the API named by API_URL until stopped. */
public final class AgentMain {

  private AgentMain() {
  }

  public static void main(String[] args) {
    Agent agent = Agent.start(AgentConfig.fromEnvironment());
    Runtime.getRuntime().addShutdownHook(new Thread(agent::close, "agent-shutdown"));
  }
}
