package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.TestApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** Wrong agent keys from one address: after ten in a minute, that address gets 429 with Retry-After. */
class AgentAuthThrottleTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable();

  private static HttpResponse<String> claimWith(String key) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl() + "/agent/v1/jobs/claim"))
        .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"agentId\": \"a\", \"waitSeconds\": 0}")).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void tenWrongKeysFromOneAddressAreFollowedBy429WithRetryAfter() throws Exception {
    assertThat(claimWith(TestApi.AGENT_KEY).statusCode()).as("a good key is not counted").isEqualTo(204);
    for (int i = 1; i <= 10; i++) {
      assertThat(claimWith("guess-" + i + "-0123456789abcdefghijklmnopqrstuvwxyz").statusCode()).as("guess " + i)
          .isEqualTo(401);
    }

    HttpResponse<String> throttled = claimWith("guess-11-0123456789abcdefghijklmnopqrstuvwxyz");

    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.body()).contains("\"code\":\"too_many_failed_authentications\"");
    assertThat(Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 60L);
    assertThat(claimWith(TestApi.AGENT_KEY).statusCode())
        .as("while throttled, a right key is not even looked at: a 2xx would tell a guess that hit").isEqualTo(429);
  }
}
