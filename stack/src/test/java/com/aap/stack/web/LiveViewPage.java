package com.aap.stack.web;

import com.aap.stack.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The specialists' page with a store whose job waits for a person, its live view open. It records, in order,
 * every message the page's live-view socket received (Playwright's own WebSocket events: the frames' bytes),
 * and, in the page, when each input went out and each frame came in (for the click-to-frame latency).
 */
final class LiveViewPage {

  /** The agent's browser's viewport (Playwright's default for a new context). */
  static final int AGENT_WIDTH = 1280;
  static final int AGENT_HEIGHT = 720;

  /** Marks, in the page, each input the live view sends and each frame it gets, by the page's clock. */
  private static final String CLOCK = """
      window.__live = { sent: [], frames: [], endedAt: null, closedAt: null };
      const NativeSocket = window.WebSocket;
      window.WebSocket = class extends NativeSocket {
        constructor(...args) {
          super(...args);
          this.addEventListener("message", (e) => {
            if (typeof e.data !== "string") window.__live.frames.push(performance.now());
            else if (JSON.parse(e.data).type === "ended") window.__live.endedAt = Date.now();
          });
          this.addEventListener("close", () => { window.__live.closedAt = Date.now(); });
        }
        send(data) { window.__live.sent.push(performance.now()); super.send(data); }
      };""";

  /** A message the live view's socket received: a frame (bytes) or a text message. */
  record Received(byte[] frame, String text) {
  }

  final Page page;
  final List<Received> received = new CopyOnWriteArrayList<>();
  private final List<Double> latencies = new ArrayList<>();

  LiveViewPage(Web web, String storeId, String jobId) {
    awaitState(web, jobId, "waiting_for_person", Duration.ofSeconds(90));
    BrowserContext context = web.browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(1280, 900));
    context.addInitScript(CLOCK);
    page = context.newPage();
    page.onWebSocket(socket -> socket.onFrameReceived(frame -> received.add(
        frame.text() == null ? new Received(frame.binary(), null) : new Received(null, frame.text()))));
    web.signIn(page, web.specialist, Web.PASSWORD);
    page.getByLabel("Search stores").fill(storeId);
    page.locator("#store-rows tr").filter(new Locator.FilterOptions().setHasText(storeId))
        .locator("button.linklike").click();
    awaitFrames(1);
  }

  /** A browser context with the agent's viewport, so a render of a sandbox page lays out as the agent's does. */
  static BrowserContext atTheAgentsViewport(Web web) {
    return web.browser.newContext(new Browser.NewContextOptions()
        .setViewportSize(AGENT_WIDTH, AGENT_HEIGHT));
  }

  /** Opens the sandbox's sign-in in {@code context} and sends {@code email}: the page that comes next. */
  static Page sandboxSignInAfterTheEmail(Web web, BrowserContext context, String email) {
    Page page = context.newPage();
    page.navigate(web.stack.sandbox("/u/login?returnTo=/account/personal-access-tokens"));
    page.getByLabel("Email address").fill(email);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Continue")).click();
    page.waitForLoadState();
    return page;
  }

  Locator dialog() {
    return page.getByRole(AriaRole.DIALOG);
  }

  Locator image() {
    return dialog().getByRole(AriaRole.IMG, new Locator.GetByRoleOptions().setName("Live view of the agent's browser"));
  }

  int frames() {
    return ((Number) page.evaluate("window.__live.frames.length")).intValue();
  }

  void awaitFrames(int atLeast) {
    page.waitForFunction("n => window.__live.frames.length >= n", atLeast);
  }

  /**
   * Clicks the live frame at a point of the agent's page (CSS pixels of its viewport) and, when
   * {@code measured}, waits for the next frame and keeps the time from the click's message to it.
   */
  void clickAt(double x, double y, boolean measured) {
    image().scrollIntoViewIfNeeded();
    BoundingBox box = image().boundingBox();
    int sent = sent();
    page.mouse().click(box.x + x / AGENT_WIDTH * box.width, box.y + y / AGENT_HEIGHT * box.height);
    if (measured) {
      measureNextFrame(sent);
    }
  }

  /** Types into the live view (its focused screen relays each key), waiting for the frame showing each. */
  void type(String text) {
    for (char c : text.toCharArray()) {
      int sent = sent();
      page.keyboard().type(String.valueOf(c));
      measureNextFrame(sent);
    }
  }

  private int sent() {
    return ((Number) page.evaluate("window.__live.sent.length")).intValue();
  }

  private void measureNextFrame(int sentBefore) {
    page.waitForFunction("n => window.__live.sent.length > n", sentBefore);
    Object waited = page.waitForFunction("n => { const at = window.__live.sent[n];"
        + " const next = window.__live.frames.find((t) => t > at); return next === undefined ? null : { ms: next - at }; }",
        sentBefore).jsonValue();
    latencies.add(((Number) ((Map<?, ?>) waited).get("ms")).doubleValue());
  }

  List<Double> latencies() {
    return latencies;
  }

  /** The median of the measured click-to-frame latencies, in ms. */
  double p50() {
    List<Double> sorted = latencies.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  long endedAt() {
    page.waitForFunction("window.__live.endedAt !== null && window.__live.closedAt !== null");
    return ((Number) page.evaluate("window.__live.closedAt")).longValue();
  }

  /** The frames received, in order, up to the text message saying the live view ended; fails if any came after it. */
  List<byte[]> framesUntilEnded() {
    List<byte[]> frames = new ArrayList<>();
    boolean ended = false;
    for (Received message : received) {
      if (message.text() != null && message.text().contains("\"ended\"")) {
        ended = true;
      } else if (message.frame() != null) {
        assertThat(ended).as("a frame arrived after the live view ended").isFalse();
        frames.add(message.frame());
      }
    }
    assertThat(ended).as("the live view said it ended").isTrue();
    return frames;
  }

  static void assertIsAFrameOfTheAgentsPage(byte[] jpeg) {
    try {
      var image = ImageIO.read(new ByteArrayInputStream(jpeg));
      assertThat(image).as("a JPEG frame").isNotNull();
      assertThat(image.getWidth()).isEqualTo(AGENT_WIDTH);
      assertThat(image.getHeight()).isEqualTo(AGENT_HEIGHT);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static JsonNode awaitState(Web web, String jobId, String state, Duration within) {
    Instant end = Instant.now().plus(within);
    while (true) {
      JsonNode job = Http.get(web.stack.api("/api/jobs/" + jobId)).body();
      if (job.path("state").asText().equals(state)) return job;
      if (Instant.now().isAfter(end)) throw new AssertionError("job " + jobId + " is not " + state + ": " + job);
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** The time a step of the job was recorded (epoch ms). */
  static long stepAt(JsonNode job, String step) {
    for (JsonNode s : job.path("steps")) {
      if (s.path("name").asText().equals(step)) return Instant.parse(s.path("at").asText()).toEpochMilli();
    }
    throw new AssertionError("no step " + step + " in " + job);
  }

  static Map<String, Object> fault(String email, String fault) {
    return Map.of("email", email, fault, true);
  }
}
