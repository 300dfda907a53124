package com.aap.sandbox;

/** {@code java -jar sandbox-*-all.jar}: starts the sandbox from the environment and prints its URL. */
public final class SandboxMain {
  private SandboxMain() {}

  public static void main(String[] args) {
    SandboxConfig config;
    try {
      config = SandboxConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("Bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    SandboxServer server = SandboxServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "sandbox-shutdown"));
    System.out.println("CJ sandbox listening on " + server.baseUrl());
  }
}
