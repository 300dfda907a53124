package com.aap.protocol;

import java.util.Set;

/**
 * The text messages of the live view ({@link AgentProtocol#live}): JSON objects with a {@code type}. Frames
 * travel as binary messages (JPEG), agent to API to page, and are never stored.
 *
 * <p>Page to API to agent: {@value #CLICK} {@code {x, y}} and {@value #WHEEL} {@code {x, y, dy}} with
 * {@code x}, {@code y} as fractions (0..1) of the frame's width and height, so neither side needs the
 * other's size; {@value #TEXT} {@code {text}} (characters typed, relayed and never logged); {@value #KEY}
 * {@code {key}}, one of {@link #KEYS}. API to agent: {@value #VIEWERS} {@code {count}} (the agent sends
 * frames only while someone watches). Agent to API to page: {@value #ENDED} {@code {reason}}, one of
 * {@value #SIGNED_IN} (the portal is signed in: the agent goes on), {@value #AGENT_CONTINUES} (the page is
 * one the agent knows again), {@value #GAVE_UP} (the wait ran out, or a specialist gave up).
 */
public final class LiveMessages {

  public static final String CLICK = "click";
  public static final String WHEEL = "wheel";
  public static final String TEXT = "text";
  public static final String KEY = "key";
  public static final String VIEWERS = "viewers";
  public static final String ENDED = "ended";

  public static final String SIGNED_IN = "signed_in";
  public static final String AGENT_CONTINUES = "agent_continues";
  public static final String GAVE_UP = "gave_up";

  /** The keys besides printable characters a person may press in the live view. */
  public static final Set<String> KEYS = Set.of("Enter", "Tab", "Backspace", "Delete", "Escape", "ArrowLeft",
      "ArrowRight", "ArrowUp", "ArrowDown", "Home", "End");

  /** At most this many characters in one {@value #TEXT} message. */
  public static final int MAX_TEXT = 256;

  private LiveMessages() {
  }
}
