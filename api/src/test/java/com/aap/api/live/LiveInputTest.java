package com.aap.api.live;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a specialist's page may send into the live view: the known inputs, rebuilt; anything else dropped. */
class LiveInputTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"type\":\"click\",\"x\":0.25,\"y\":1}",
      "{\"type\":\"wheel\",\"x\":0,\"y\":0.5,\"dy\":-120}",
      "{\"type\":\"text\",\"text\":\"7\"}",
      "{\"type\":\"key\",\"key\":\"Enter\"}"})
  void aKnownInputIsRelayedWithItsOwnFieldsOnly(String message) {
    JsonObject sent = new JsonObject(message).put("extra", "dropped");

    JsonObject relayed = LiveInput.check(sent.encode());

    assertThat(relayed).isNotNull();
    assertThat(relayed.fieldNames()).doesNotContain("extra");
    assertThat(relayed.getString("type")).isEqualTo(sent.getString("type"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "not json", "[1]", "{}", "{\"type\":\"navigate\",\"url\":\"https://example.com\"}",
      "{\"type\":\"click\",\"x\":1.5,\"y\":0}", "{\"type\":\"click\",\"x\":\"0.5\",\"y\":0.5}",
      "{\"type\":\"wheel\",\"x\":0.5,\"y\":0.5,\"dy\":1e9}", "{\"type\":\"text\",\"text\":\"\"}",
      "{\"type\":\"text\",\"text\":\"a\\u0000b\"}", "{\"type\":\"key\",\"key\":\"F12\"}",
      "{\"type\":\"key\",\"key\":\"Control+W\"}"})
  void anythingElseIsDropped(String message) {
    assertThat(LiveInput.check(message)).isNull();
  }

  @Test
  void textLongerThanAMessageMayCarryIsDropped() {
    assertThat(LiveInput.check(new JsonObject().put("type", "text").put("text", "x".repeat(257)).encode())).isNull();
  }
}
