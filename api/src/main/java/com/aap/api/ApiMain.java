package com.aap.api;

/** {@code java -jar api-*-all.jar}: configuration from system properties and the environment. */
public final class ApiMain {

  private ApiMain() {
  }

  public static void main(String[] args) {
    ApiConfig config;
    try {
      config = ApiConfig.fromEnvironment();
    } catch (IllegalArgumentException e) {
      System.err.println("api: bad configuration: " + e.getMessage());
      System.exit(2);
      return;
    }
    ApiServer server = ApiServer.start(config);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "api-shutdown"));
  }
}
