package com.aap.agent;

import com.aap.agent.api.ApiClient;
import com.aap.protocol.ClaimedJob;
import com.aap.protocol.LiveMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.ViewportSize;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One wait for a person, on the worker's thread (Playwright's): the page stays open, and while a specialist
 * watches, Chromium's screencast (DevTools {@code Page.startScreencast}, JPEG) goes to the API over the job's
 * live WebSocket, and the specialist's clicks, wheel and typing come back and are replayed with Playwright's
 * mouse and keyboard. Every {@value #LOOK_MILLIS} ms the agent looks whether the page is passed; then the
 * screencast stops and the live view ends, before the flow goes on (so no frame ever shows what follows:
 * the company, the registering checkpoint, the token). Frames and typing are never logged or kept.
 */
final class LiveTakeOver implements WebSocket.Listener {

  private static final Logger log = LoggerFactory.getLogger(LiveTakeOver.class);
  private static final long TICK_MILLIS = 15;
  private static final long LOOK_MILLIS = 250;
  private static final Duration PING_EVERY = Duration.ofSeconds(15);
  private static final Duration RECONNECT_EVERY = Duration.ofSeconds(2);
  /** Frames on their way to the API at most; a newer frame is dropped meanwhile, so what a person sees stays current. */
  private static final int FRAMES_IN_FLIGHT = 2;

  private final ApiClient api;
  private final ClaimedJob job;
  private final Page page;
  private final Supplier<Boolean> lost;
  private final Queue<JsonNode> inputs = new ConcurrentLinkedQueue<>();
  private final AtomicInteger framesInFlight = new AtomicInteger();
  private final StringBuilder partial = new StringBuilder();
  private volatile int viewers;
  private volatile boolean gaveUp;
  private volatile boolean closed = true;
  private WebSocket socket;
  private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
  private CDPSession cdp;
  private boolean casting;

  LiveTakeOver(ApiClient api, ClaimedJob job, Page page, Supplier<Boolean> lost) {
    this.api = api;
    this.job = job;
    this.page = page;
    this.lost = lost;
  }

  /**
   * Waits until {@code passed} names how the page was passed (returned), or until {@code wait} is over with
   * nobody watching, or twice {@code wait} in any case (null). Throws a fenced-out failure when the job is no
   * longer this agent's (cancelled; a specialist gave up).
   */
  String await(Duration wait, Supplier<String> passed) throws JobFailure {
    Instant start = Instant.now();
    Instant end = start.plus(wait);
    Instant hardEnd = end.plus(wait);
    Instant nextLook = start;
    Instant nextPing = start.plus(PING_EVERY);
    Instant nextConnect = start;
    cdp = page.context().newCDPSession(page);
    cdp.on("Page.screencastFrame", this::frame);
    try {
      while (true) {
        Instant now = Instant.now();
        if (lost.get() || gaveUp) {
          throw JobFailure.fencedOut(job.jobId());
        }
        if (closed && now.isAfter(nextConnect)) {
          connect();
          nextConnect = now.plus(RECONNECT_EVERY);
        }
        for (JsonNode input = inputs.poll(); input != null; input = inputs.poll()) {
          replay(input);
        }
        screencast(viewers > 0 && !closed);
        if (!now.isBefore(nextLook)) {
          String how = passed.get();
          if (how != null) {
            end(how);
            return how;
          }
          nextLook = now.plusMillis(LOOK_MILLIS);
        }
        if (now.isAfter(hardEnd) || now.isAfter(end) && viewers == 0) {
          end(LiveMessages.GAVE_UP);
          return null;
        }
        if (now.isAfter(nextPing)) {
          send(ws -> ws.sendPing(ByteBuffer.allocate(0)));
          nextPing = now.plus(PING_EVERY);
        }
        page.waitForTimeout(TICK_MILLIS); // lets Playwright deliver the screencast's frames
      }
    } finally {
      if (socket != null && !closed) {
        send(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, ""));
      }
      stopWatching();
    }
  }

  /** Ends the screencast and the DevTools session; a browser that went away meanwhile has nothing left to end. */
  private void stopWatching() {
    try {
      screencast(false);
      cdp.detach();
    } catch (PlaywrightException e) {
      log.warn("job {}: the live view's browser went away: {}", job.jobId(), e.getMessage().lines().findFirst().orElse(""));
    }
  }

  private void connect() {
    try {
      socket = api.openLive(job.jobId(), job.lease(), this);
      closed = false;
    } catch (IOException e) {
      log.warn("job {}: live view not open ({}); trying again", job.jobId(), e.getMessage());
    }
  }

  /** Stops the screencast, then tells the API (and through it, the specialists) how the live view ended. */
  private void end(String how) {
    screencast(false);
    send(ws -> ws.sendText(ApiClient.json(Map.of("type", LiveMessages.ENDED, "reason", how)), true));
    log.info("job {}: live view ended ({})", job.jobId(), how);
  }

  private void screencast(boolean on) {
    if (on == casting) {
      return;
    }
    casting = on;
    if (on) {
      JsonObject options = new JsonObject();
      options.addProperty("format", "jpeg");
      options.addProperty("quality", 60);
      options.addProperty("maxWidth", 1280);
      options.addProperty("maxHeight", 1024);
      cdp.send("Page.startScreencast", options);
    } else {
      cdp.send("Page.stopScreencast");
    }
  }

  /** A screencast frame: acknowledged at once (Chromium sends the next only then), sent on unless the line is full. */
  private void frame(JsonObject event) {
    JsonObject ack = new JsonObject();
    ack.addProperty("sessionId", event.get("sessionId").getAsInt());
    cdp.send("Page.screencastFrameAck", ack);
    if (!casting || closed || framesInFlight.get() >= FRAMES_IN_FLIGHT) {
      return;
    }
    byte[] jpeg = Base64.getDecoder().decode(event.get("data").getAsString());
    framesInFlight.incrementAndGet();
    send(ws -> ws.sendBinary(ByteBuffer.wrap(jpeg), true).whenComplete((w, e) -> framesInFlight.decrementAndGet()));
  }

  /** A specialist's input, checked by the API; points are fractions of the page's visible area. */
  private void replay(JsonNode input) {
    switch (input.path("type").asText()) {
      case LiveMessages.CLICK -> page.mouse().click(x(input), y(input));
      case LiveMessages.WHEEL -> {
        page.mouse().move(x(input), y(input));
        page.mouse().wheel(0, input.path("dy").asDouble());
      }
      case LiveMessages.TEXT -> page.keyboard().type(input.path("text").asText());
      case LiveMessages.KEY -> {
        String key = input.path("key").asText();
        if (LiveMessages.KEYS.contains(key)) {
          page.keyboard().press(key);
        }
      }
      default -> { }
    }
  }

  private double x(JsonNode input) {
    ViewportSize size = page.viewportSize();
    return input.path("x").asDouble() * (size != null ? size.width : inner("innerWidth"));
  }

  private double y(JsonNode input) {
    ViewportSize size = page.viewportSize();
    return input.path("y").asDouble() * (size != null ? size.height : inner("innerHeight"));
  }

  /** The window's size, for a context opened without a fixed viewport. */
  private double inner(String side) {
    return ((Number) page.evaluate("() => window." + side)).doubleValue();
  }

  /** Sends one message after the last one went (the WebSocket takes one at a time). */
  private synchronized void send(Function<WebSocket, CompletableFuture<WebSocket>> message) {
    WebSocket target = socket;
    if (target == null) {
      return;
    }
    sending = sending.handle((r, e) -> null).thenCompose(v -> message.apply(target));
  }

  // ---- the WebSocket's listener (its own threads): messages from the API

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      String text = partial.toString();
      partial.setLength(0);
      received(text);
    }
    webSocket.request(1);
    return null;
  }

  private void received(String text) {
    try {
      JsonNode message = ApiClient.json(text);
      switch (message.path("type").asText()) {
        case LiveMessages.VIEWERS -> viewers = message.path("count").asInt();
        case LiveMessages.ENDED -> gaveUp = true; // the API says so only when a specialist gave up
        default -> inputs.add(message);
      }
    } catch (IOException e) {
      log.warn("job {}: unreadable live view message dropped", job.jobId());
    }
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closed = true;
    viewers = 0;
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    closed = true;
    viewers = 0;
  }
}
