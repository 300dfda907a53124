package com.aap.agent;

import com.aap.agent.browser.BrowserChoice;
import com.aap.agent.portal.PortalProfile;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What an agent needs to know: which API it serves (one or more instances: it uses the first that
 * answers, see {@code ApiClient}), with which key, how many jobs it runs at once,
 * where CJ's developer portal is, what to look for on its pages (the portal profile) and which Chromium
 * to drive, here or on a Playwright server; where it serves its own metrics ({@code AGENT_METRICS_PORT},
 * null: it does not). Keys are read as system property, then
 * environment variable, then default (see docs/design.md).
 */
public record AgentConfig(List<URI> apiUrls, String agentKey, int concurrency, URI portalUrl, BrowserChoice browser,
                          String agentId, Patience patience, PortalProfile portalProfile,
                          Integer metricsPort) {

  /** The API refuses shorter configured keys, and registered keys are longer: a short one is a mistake. */
  static final int MIN_AGENT_KEY_LENGTH = 32;

  /** Hosts that may be reached over plain http: this machine only. */
  static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

  public AgentConfig {
    apiUrls = List.copyOf(apiUrls);
    if (concurrency < 1 || concurrency > 64) {
      throw new IllegalArgumentException("AGENT_CONCURRENCY must be between 1 and 64, was " + concurrency);
    }
    if (agentKey == null || agentKey.isBlank()) {
      throw new IllegalArgumentException("AGENT_KEY is required: the key this agent presents to the API");
    }
    if (metricsPort != null && (metricsPort < 0 || metricsPort > 65535)) {
      throw new IllegalArgumentException("AGENT_METRICS_PORT must be a port number between 0 and 65535, was " + metricsPort);
    }
    if (agentKey.strip().length() < MIN_AGENT_KEY_LENGTH) {
      throw new IllegalArgumentException("AGENT_KEY must have at least " + MIN_AGENT_KEY_LENGTH + " characters (it has "
          + agentKey.strip().length() + "): use a key an admin registered with POST /api/agent-keys, or one of the "
          + "API's AGENT_KEYS");
    }
  }

  public static AgentConfig fromEnvironment() {
    return from(key -> Optional.ofNullable(System.getProperty(key)).or(() -> Optional.ofNullable(System.getenv(key))));
  }

  /** The same keys, from a map: for tests and embedding. */
  public static AgentConfig from(Map<String, String> values) {
    return from(key -> Optional.ofNullable(values.get(key)));
  }

  private static AgentConfig from(Function<String, Optional<String>> source) {
    URI portalUrl = uri("CJ_PORTAL_URL", source.apply("CJ_PORTAL_URL").orElse("http://localhost:8090/"));
    return new AgentConfig(
        uris("API_URL", source.apply("API_URL").orElse("http://localhost:8080")),
        source.apply("AGENT_KEY").orElse(null),
        integer("AGENT_CONCURRENCY", source.apply("AGENT_CONCURRENCY").orElse(String.valueOf(defaultConcurrency()))),
        portalUrl,
        BrowserChoice.from(source),
        source.apply("AGENT_ID").orElse("agent-" + UUID.randomUUID().toString().substring(0, 8)),
        Patience.from(source),
        PortalProfile.load(source.apply("CJ_PORTAL_PROFILE").filter(v -> !v.isBlank()).map(Path::of))
            .withPortalUrl(portalUrl.toString()),
        source.apply("AGENT_METRICS_PORT").filter(v -> !v.isBlank()).map(v -> integer("AGENT_METRICS_PORT", v))
            .orElse(null));
  }

  public AgentConfig withApiUrl(String url) {
    return new AgentConfig(uris("API_URL", url), agentKey, concurrency, portalUrl, browser, agentId, patience,
        portalProfile, metricsPort);
  }

  public AgentConfig withConcurrency(int jobs) {
    return new AgentConfig(apiUrls, agentKey, jobs, portalUrl, browser, agentId, patience, portalProfile, metricsPort);
  }

  public AgentConfig withPortalUrl(String url) {
    URI portal = uri("CJ_PORTAL_URL", url);
    return new AgentConfig(apiUrls, agentKey, concurrency, portal, browser, agentId, patience,
        portalProfile.withPortalUrl(portal.toString()), metricsPort);
  }

  /** The same, looking for what {@code profile} names (its portal address replaced by this config's). */
  public AgentConfig withPortalProfile(PortalProfile profile) {
    return new AgentConfig(apiUrls, agentKey, concurrency, portalUrl, browser, agentId, patience,
        profile.withPortalUrl(portalUrl.toString()), metricsPort);
  }

  /**
   * One worker (one Chromium) per core and one more, at least two: a worker spends part of each job
   * waiting (for Chromium's processes, for the API), and the extra one keeps the cores busy meanwhile.
   */
  public static int defaultConcurrency() {
    return Math.max(2, Runtime.getRuntime().availableProcessors() + 1);
  }

  /** The full Chromium this machine has, as the agent finds it when neither AGENT_BROWSER nor CHROMIUM_PATH is set. */
  public static Path findChromium() {
    return BrowserChoice.found(BrowserChoice.CHROMIUM);
  }

  /** The API instance tried first. */
  public URI apiUrl() {
    return apiUrls.get(0);
  }

  /** A comma-separated list of URLs: API instances behind no load balancer, tried in turn. */
  private static List<URI> uris(String key, String value) {
    return java.util.Arrays.stream(value.split(",")).map(String::strip).map(url -> uri(key, url)).toList();
  }

  /**
   * An absolute http(s) URL, https unless its host is this machine: the agent receives CJ passwords from the
   * API and types them into the portal, neither of which may cross a network in clear text.
   */
  private static URI uri(String key, String value) {
    URI uri;
    try {
      uri = URI.create(value);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
        throw new IllegalArgumentException("no http(s) scheme or no host");
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + " must be an absolute http(s) URL, was '" + value + "'");
    }
    if ("http".equals(uri.getScheme()) && !LOCAL_HOSTS.contains(uri.getHost().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(key + " must be an https URL unless its host is localhost, 127.0.0.1 or ::1 "
          + "(was http://" + uri.getHost() + ")");
    }
    return uri;
  }

  static int integer(String key, String value) {
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'");
    }
  }
}
