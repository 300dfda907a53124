package com.aap.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aap.agent.api.ApiClient;
import com.aap.protocol.CjLogin;
import com.aap.protocol.ClaimedJob;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The agent's side of {@code /one-time-code}: asked under the job's lease, with the agent key; refusals mapped. */
class ApiReporterOneTimeCodeTest {

  private static final String KEY = "agent-key-for-the-one-time-code-tests-0123";
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private HttpServer api;
  private volatile int status = 200;
  private volatile String answer = "{\"code\": \"287082\"}";

  @BeforeEach
  void startApi() throws Exception {
    api = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
    api.createContext("/agent/v1/", ex -> {
      requests.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " "
          + ex.getRequestHeaders().getFirst("Authorization") + " "
          + new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    api.start();
  }

  @AfterEach
  void stopApi() {
    api.stop(0);
    heartbeats.shutdownNow();
  }

  private ApiReporter reporter() {
    var client = new ApiClient(URI.create("http://localhost:" + api.getAddress().getPort()), KEY, "agent-1-w0", "agent-1");
    var job = new ClaimedJob("job-7", "s1", "1000001", "app", 1, 42, 60,
        new CjLogin("login-1", "ops@agency.example", "pw", true));
    return new ApiReporter(client, job, new Heartbeat(client, job, heartbeats), Patience.defaults(), Runnable::run);
  }

  @Test
  void theCodeComesFromTheApiUnderTheJobsLease() throws Exception {
    assertThat(reporter().oneTimeCode()).isEqualTo("287082");

    assertThat(requests).containsExactly("POST /agent/v1/jobs/job-7/one-time-code Bearer " + KEY + " {\"lease\":42}");
  }

  @Test
  void aLoginWithoutASecretAtTheApiNeedsAPerson() {
    status = 409;
    answer = "{\"error\": {\"code\": \"no_totp_secret\", \"message\": \"no secret\"}}";

    assertThatThrownBy(() -> reporter().oneTimeCode()).isInstanceOfSatisfying(JobFailure.class,
        failure -> assertThat(failure.code()).isEqualTo("cj_second_factor_required"));
  }

  @Test
  void aLostLeaseStopsTheJob() {
    status = 409;
    answer = "{\"error\": {\"code\": \"lease_lost\", \"message\": \"held under lease 43\"}}";

    assertThatThrownBy(() -> reporter().oneTimeCode()).isInstanceOfSatisfying(JobFailure.class,
        failure -> assertThat(failure.isFencedOut()).isTrue());
  }
}
