package com.aap.agent.browser;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which Chromium build the workers drive, and where it runs: launched by the agent on its own machine, or
 * launched by a Playwright server the agent connects to ({@code AGENT_BROWSER_URL}). {@code AGENT_BROWSER}
 * names the build: {@code chromium} (the default: full Chromium in its new headless mode),
 * {@code headless-shell} (Chromium's old headless build, cheaper, see docs/design.md) or an absolute path.
 *
 * @param executable the binary to start; on a Playwright server, null leaves the choice to the server
 * @param server the Playwright server's ws endpoint, or null to launch here
 */
public record BrowserChoice(Path executable, URI server) {

  public static final String CHROMIUM = "chromium";
  public static final String HEADLESS_SHELL = "headless-shell";

  /** Where Debian, Ubuntu and Google put each build; a Playwright server is asked for the first. */
  static final List<Path> CHROMIUM_CANDIDATES = List.of(
      Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"), Path.of("/usr/bin/google-chrome"));
  static final List<Path> HEADLESS_SHELL_CANDIDATES = List.of(
      Path.of("/usr/bin/chromium-headless-shell"), Path.of("/usr/lib/chromium/chromium-headless-shell"));

  /** Hosts the browser connection may reach unencrypted: it carries what the agent types, CJ passwords too. */
  private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  /**
   * From {@code AGENT_BROWSER_URL} and {@code AGENT_BROWSER} ({@code CHROMIUM_PATH}, the older key for a
   * path, when {@code AGENT_BROWSER} is not set). Without a server the build must be on this machine.
   */
  public static BrowserChoice from(Function<String, Optional<String>> source) {
    Optional<String> build = source.apply("AGENT_BROWSER").filter(v -> !v.isBlank())
        .or(() -> source.apply("CHROMIUM_PATH").filter(v -> !v.isBlank()));
    Optional<URI> server = source.apply("AGENT_BROWSER_URL").filter(v -> !v.isBlank()).map(BrowserChoice::wsUrl);
    if (server.isPresent()) {
      return new BrowserChoice(build.map(BrowserChoice::onServer).orElse(null), server.get());
    }
    return new BrowserChoice(build.map(BrowserChoice::here).orElseGet(() -> found(CHROMIUM)), null);
  }

  /** A build launched on this machine. */
  public static BrowserChoice local(Path executable) {
    return new BrowserChoice(executable, null);
  }

  public boolean remote() {
    return server != null;
  }

  /** For the logs: the build and where it runs. */
  public String describe() {
    return remote() ? "Playwright server " + server + " (" + (executable == null ? "its own Chromium" : executable) + ")"
        : String.valueOf(executable);
  }

  /** The first build of that name installed here; a clear error naming the key and the package if none is. */
  public static Path found(String name) {
    List<Path> candidates = HEADLESS_SHELL.equals(name) ? HEADLESS_SHELL_CANDIDATES : CHROMIUM_CANDIDATES;
    String install = HEADLESS_SHELL.equals(name) ? "chromium-headless-shell" : "chromium";
    return candidates.stream().filter(Files::isExecutable).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("AGENT_BROWSER: no " + name + " build was found at " + candidates
            + " (on Debian: apt-get install -y " + install + "; or set AGENT_BROWSER to its path)"));
  }

  private static Path here(String build) {
    return isName(build) ? found(build) : path(build);
  }

  /** On a server's machine the agent cannot look: a name stands for Debian's path of that build. */
  private static Path onServer(String build) {
    if (isName(build)) {
      return (HEADLESS_SHELL.equals(build) ? HEADLESS_SHELL_CANDIDATES : CHROMIUM_CANDIDATES).get(0);
    }
    return path(build);
  }

  private static boolean isName(String build) {
    return CHROMIUM.equals(build) || HEADLESS_SHELL.equals(build);
  }

  private static Path path(String build) {
    Path path = Path.of(build);
    if (!path.isAbsolute()) {
      throw new IllegalArgumentException("AGENT_BROWSER must be " + CHROMIUM + ", " + HEADLESS_SHELL
          + " or the absolute path of a Chromium binary, was '" + build + "'");
    }
    return path;
  }

  private static URI wsUrl(String value) {
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || !("ws".equals(uri.getScheme()) || "wss".equals(uri.getScheme())) || uri.getHost() == null) {
      throw new IllegalArgumentException("AGENT_BROWSER_URL must be a Playwright server's ws:// or wss:// endpoint, was '"
          + value + "'");
    }
    if ("ws".equals(uri.getScheme()) && !LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("AGENT_BROWSER_URL must be a wss URL unless its host is localhost, 127.0.0.1 "
          + "or ::1 (was ws://" + uri.getHost() + "): what the agent types, CJ passwords too, travels on it");
    }
    return uri;
  }
}
