package com.aap.api;

import com.aap.api.testing.ApiExtension;
import com.aap.api.testing.JsonHttp;
import com.aap.api.testing.RawHttp;
import com.aap.api.testing.TestApi;
import com.aap.api.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A batch's event stream outlives its request: it is limited per session and ends with the session. */
class EventStreamLimitsTest {

  private static final String PASSWORD = "specialist-password-123";

  @RegisterExtension
  static final ApiExtension api = ApiExtension.withCjUnreachable().configured(c -> c.withAccess(c.access()
      .withLimits(c.access().limits().withEventStreams(2, 1))));

  private String batchId;
  private String cookie;

  @BeforeEach
  void aBatchStillRunningAndASignedInSpecialist() {
    Fixtures.createLogin(api.rest(), "ops@agency.example", Fixtures.PASSWORD);
    JsonHttp.Response batch = api.rest().withHeader("Content-Type", "text/csv").send("POST", "/api/batches",
        BatchesTest.HEADER + BatchesTest.row("s1", "1000001"));
    assertThat(batch.status()).as(batch.body()).isEqualTo(201);
    batchId = batch.json().getString("batchId");
    api.createAccount("spec@agency.example", PASSWORD, "specialist");
    JsonHttp.Response signIn = api.anonymous().post("/api/session",
        new io.vertx.core.json.JsonObject().put("email", "spec@agency.example").put("password", PASSWORD));
    cookie = "aap_session=" + signIn.cookie("aap_session");
  }

  private RawHttp open(Map<String, String> credentials) throws IOException {
    return RawHttp.connect(api.baseUrl()).head("GET", "/api/batches/" + batchId + "/events", credentials);
  }

  @Test
  void aSessionMayHoldTwoStreamsAndIsRefused429ForAThird() throws IOException {
    try (RawHttp first = open(Map.of("Cookie", cookie)); RawHttp second = open(Map.of("Cookie", cookie))) {
      assertThat(first.read().status()).isEqualTo(200);
      assertThat(second.read().status()).isEqualTo(200);

      try (RawHttp third = open(Map.of("Cookie", cookie))) {
        RawHttp.Response refused = third.read();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).contains("too_many_streams");
      }
      try (RawHttp otherCredential = open(Map.of("Authorization", "Bearer " + TestApi.ADMIN_API_KEY))) {
        assertThat(otherCredential.read().status()).isEqualTo(200);
      }
    }
  }

  @Test
  void aClosedStreamGivesBackItsPlace() throws Exception {
    try (RawHttp first = open(Map.of("Cookie", cookie)); RawHttp second = open(Map.of("Cookie", cookie))) {
      assertThat(first.read().status()).isEqualTo(200);
      assertThat(second.read().status()).isEqualTo(200);
      first.close();

      int status = 0;
      for (int i = 0; i < 20 && status != 200; i++) {
        Thread.sleep(250); // the server learns of the close at its next write, every half second
        try (RawHttp again = open(Map.of("Cookie", cookie))) {
          status = again.read().status();
        }
      }
      assertThat(status).isEqualTo(200);
    }
  }

  @Test
  void aStreamEndsWithAnExpiredEventOnceItsSessionHasExpired() throws Exception {
    try (RawHttp stream = open(Map.of("Cookie", cookie))) {
      assertThat(stream.read().status()).isEqualTo(200);
      try (Connection conn = TestDatabase.connect(); Statement st = conn.createStatement()) {
        st.executeUpdate("UPDATE sessions SET expires_at = now() - interval '1 second'");
      }

      long started = System.nanoTime();
      boolean expired = false;
      for (String line = stream.line(); line != null && !expired; line = stream.line()) {
        expired = line.equals("event: expired");
      }

      assertThat(expired).isTrue();
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(5000);
      assertThat(lastChunk(stream)).as("the stream ended").isTrue();
    }
  }

  /** Whether the chunked answer ends (its zero-length last chunk) before the connection does. */
  private static boolean lastChunk(RawHttp stream) throws IOException {
    for (String line = stream.line(); line != null; line = stream.line()) {
      if (line.equals("0")) return true;
    }
    return false;
  }

  @Test
  void aStreamDoesNotKeepItsSessionAlive() throws Exception {
    try (RawHttp stream = open(Map.of("Cookie", cookie))) {
      assertThat(stream.read().status()).isEqualTo(200);
      long before = TestDatabase.count("SELECT extract(epoch FROM expires_at)::bigint * 1000 FROM sessions");

      Thread.sleep(2500); // two checks of the session

      assertThat(TestDatabase.count("SELECT extract(epoch FROM expires_at)::bigint * 1000 FROM sessions"))
          .isEqualTo(before);
    }
  }
}
