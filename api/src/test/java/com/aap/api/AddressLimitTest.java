package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.RawHttp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed sign-ins per client address: one address guessing at many accounts is locked out, others are not. */
class AddressLimitTest {

  private static final String PASSWORD = "specialist-password-123";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable().configured(c -> c.withAccess(c.access()
      .withLimits(c.access().limits().withSignIn(100, 4, 15))));

  private static RawHttp.Response signInFrom(String address, String email, String password) throws IOException {
    try (RawHttp http = RawHttp.connect(api.baseUrl(), address)) {
      return http.request("POST", "/api/session", Map.of("Content-Type", "application/json"),
          new JsonObject().put("email", email).put("password", password).encode()).read();
    }
  }

  @Test
  void anAddressThatFailsForManyAccountsIsLockedWhileOthersStillSignIn() throws IOException {
    api.createAccount("real@agency.example", PASSWORD, "specialist");
    for (int i = 0; i < 4; i++) {
      assertThat(signInFrom("127.0.0.2", "guess-" + i + "@agency.example", "wrong").status()).isEqualTo(401);
    }

    RawHttp.Response locked = signInFrom("127.0.0.2", "real@agency.example", PASSWORD);

    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.headers()).containsKey("retry-after");
    assertThat(signInFrom("127.0.0.3", "real@agency.example", PASSWORD).status()).isEqualTo(200);
    JsonArray entries = api.rest().get("/api/audit?target=ip:127.0.0.2").json().getJsonArray("entries");
    assertThat(entries).hasSize(1);
    assertThat(entries.getJsonObject(0).getString("action")).isEqualTo("sign_in.locked");
  }
}
