package com.aap.api.testing;

import com.aap.api.ApiConfig;
import com.aap.sandbox.SandboxConfig;
import com.aap.sandbox.SandboxServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Duration;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A {@link TestApi} for one test class: started before its first test, closed after its last, with
 * {@link TestDatabase} emptied before each test. Register it on a static field; its clients may be kept in
 * static fields too, as they reach the running server when called:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final ApiExtension api = ApiExtension.withCjUnreachable();
 * private static final JsonHttp rest = api.rest();
 * </pre>
 *
 * A test that stops and starts the API itself, or needs a second one, uses {@link TestApi} directly.
 */
public final class ApiExtension implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

  /** Nothing listens on port 9: token verification and commission retrieval fail as if CJ were down. */
  private static final String UNREACHABLE_CJ = "http://localhost:9/query";

  private final boolean sandboxCj;
  private final UnaryOperator<ApiConfig> customize;
  private final JsonHttp rest = new JsonHttp(() -> running().baseUrl(), TestApi.ADMIN_API_KEY);
  private final JsonHttp agent = new JsonHttp(() -> running().baseUrl(), TestApi.AGENT_KEY);
  private final JsonHttp anonymous = new JsonHttp(() -> running().baseUrl(), null);
  private final JsonHttp sandboxControl = new JsonHttp(() -> sandbox().baseUrl(), null);
  private SandboxServer sandbox;
  private TestApi api;

  private ApiExtension(boolean sandboxCj, UnaryOperator<ApiConfig> customize) {
    this.sandboxCj = sandboxCj;
    this.customize = customize;
  }

  /** The API with CJ out of reach: handed-over tokens stay unverified, jobs stay running. */
  public static ApiExtension withCjUnreachable() {
    return new ApiExtension(false, UnaryOperator.identity());
  }

  /** The API with the CJ sandbox as its CJ, started before the API and closed after it. */
  public static ApiExtension withSandboxCj() {
    return new ApiExtension(true, UnaryOperator.identity());
  }

  /** The same, with {@code customize} applied to the test configuration (lease times, vault keyset...). */
  public ApiExtension configured(UnaryOperator<ApiConfig> customize) {
    return new ApiExtension(sandboxCj, customize);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    String cj = UNREACHABLE_CJ;
    if (sandboxCj) {
      sandbox = SandboxServer.start(SandboxConfig.forTests());
      cj = sandbox.baseUrl() + "/query";
    }
    api = TestApi.start(cj, customize);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    TestDatabase.reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (api != null) api.close();
    } finally {
      api = null;
      if (sandbox != null) sandbox.close();
      sandbox = null;
    }
  }

  public String baseUrl() {
    return running().baseUrl();
  }

  /** The running API's route table. */
  public Router router() {
    return running().server().router();
  }

  /** The REST API, as an admin (the configured admin API key). */
  public JsonHttp rest() {
    return rest;
  }

  /** The agent protocol, with the test agent key. */
  public JsonHttp agent() {
    return agent;
  }

  /** The REST API with no credentials at all. */
  public JsonHttp anonymous() {
    return anonymous;
  }

  /** The CJ sandbox's control API ({@code /_sandbox/...}); only {@link #withSandboxCj()} has one. */
  public JsonHttp sandboxControl() {
    return sandboxControl;
  }

  /** See {@link TestApi#createAccount}. */
  public String createAccount(String email, String password, String role) {
    return running().createAccount(email, password, role);
  }

  /** See {@link TestApi#signIn}. */
  public JsonHttp signIn(String email, String password) {
    return running().signIn(email, password);
  }

  /** See {@link TestApi#awaitJob}. */
  public JsonObject awaitJob(String jobId, Set<String> states, Duration timeout) {
    return running().awaitJob(jobId, states, timeout);
  }

  private TestApi running() {
    if (api == null) throw new IllegalStateException("the API is not running: register ApiExtension on a static field");
    return api;
  }

  private SandboxServer sandbox() {
    if (sandbox == null) throw new IllegalStateException("no CJ sandbox: use ApiExtension.withSandboxCj()");
    return sandbox;
  }
}
