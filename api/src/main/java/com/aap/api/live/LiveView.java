package com.aap.api.live;

import com.aap.protocol.LiveMessages;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * One job's live view: its agent's socket (at most one; a reconnecting agent replaces it) and the sockets of
 * the specialists watching. The agent is told how many watch, so it sends frames only while someone does.
 */
final class LiveView {

  private final Runnable whenIdle;
  private final List<Viewer> viewers = new ArrayList<>();
  private ServerWebSocket agent;
  private JsonObject ended;

  LiveView(Runnable whenIdle) {
    this.whenIdle = whenIdle;
  }

  void agentJoined(ServerWebSocket socket) {
    if (agent != null) agent.close();
    agent = socket;
    ended = null; // the job waits for a person again
    socket.binaryMessageHandler(this::frame);
    socket.textMessageHandler(this::fromAgent);
    socket.closeHandler(v -> {
      if (agent == socket) agent = null;
      whenIdle.run();
    });
    tellAgentHowManyWatch();
  }

  Viewer viewerJoined(ServerWebSocket socket) {
    Viewer viewer = new Viewer(socket);
    viewers.add(viewer);
    socket.textMessageHandler(text -> input(viewer, text));
    if (ended != null) {
      viewer.end(ended);
    } else {
      tellAgentHowManyWatch();
    }
    return viewer;
  }

  void viewerLeft(Viewer viewer) {
    viewers.remove(viewer);
    tellAgentHowManyWatch();
  }

  boolean isIdle() {
    return agent == null && viewers.isEmpty();
  }

  /** The live view is over ({@link LiveMessages#ENDED}): everyone is told why, and their sockets closed. */
  void end(String reason) {
    ended = new JsonObject().put("type", LiveMessages.ENDED).put("reason", reason);
    List.copyOf(viewers).forEach(viewer -> viewer.end(ended));
    if (agent != null && LiveMessages.GAVE_UP.equals(reason)) {
      agent.writeTextMessage(ended.encode());
      agent.close();
    }
  }

  private void frame(Buffer jpeg) {
    viewers.forEach(viewer -> viewer.frame(jpeg));
  }

  private void fromAgent(String text) {
    JsonObject message = LiveInput.parse(text);
    if (message != null && LiveMessages.ENDED.equals(message.getString("type"))) {
      String reason = message.getString("reason");
      end(LiveMessages.SIGNED_IN.equals(reason) || LiveMessages.AGENT_CONTINUES.equals(reason) ? reason
          : LiveMessages.GAVE_UP);
    }
  }

  private void input(Viewer viewer, String text) {
    JsonObject input = LiveInput.check(text);
    if (input == null || agent == null || ended != null) return;
    viewer.counted();
    agent.writeTextMessage(input.encode());
  }

  private void tellAgentHowManyWatch() {
    if (agent != null) {
      agent.writeTextMessage(new JsonObject().put("type", LiveMessages.VIEWERS).put("count", viewers.size()).encode());
    }
  }

  /** One specialist's socket; frames are dropped while its connection is behind, so what it sees stays current. */
  static final class Viewer {
    private final ServerWebSocket socket;
    private int inputs;
    private String outcome = "left";

    Viewer(ServerWebSocket socket) {
      this.socket = socket;
    }

    void frame(Buffer jpeg) {
      if (!socket.writeQueueFull()) socket.writeBinaryMessage(jpeg);
    }

    void end(JsonObject ended) {
      outcome = ended.getString("reason");
      socket.writeTextMessage(ended.encode());
      socket.close();
    }

    void counted() {
      inputs++;
    }

    int inputs() {
      return inputs;
    }

    String outcome() {
      return outcome;
    }
  }
}
