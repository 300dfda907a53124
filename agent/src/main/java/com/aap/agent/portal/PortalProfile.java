package com.aap.agent.portal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the agent looks for on CJ's pages, and where: the portal's address and token page, the origins
 * credentials may be typed into, the token's shape, and candidate locators for every {@link Element}.
 * The default (the real CJ) ships in {@code cj-portal-profile.yaml}; {@code CJ_PORTAL_PROFILE} names a
 * file whose keys replace the default's (an element's candidates as a whole), so a person can follow a
 * changed portal without a rebuild. A bad file stops the agent at start-up with the key that is wrong.
 */
public record PortalProfile(int version, String name, Portal portal, SignIn signIn, Token token,
                            Map<String, List<Candidate>> elements) {

  public static final String DEFAULT_RESOURCE = "/cj-portal-profile.yaml";
  static final int VERSION = 1;

  public record Portal(String url, String tokenPage) {
  }

  /**
   * {@code credentialOrigins}: scheme://host[:port]; "portal" for the portal's own origin; "portal-host"
   * for the portal's host on any port, with the portal's scheme.
   */
  public record SignIn(List<String> credentialOrigins) {
  }

  public record Token(String pattern, int minLength) {
  }

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The shipped default profile. */
  public static PortalProfile defaults() {
    return parse(defaultTree(), DEFAULT_RESOURCE);
  }

  /** The default, with the keys of {@code file} (when given) in place of its own. */
  public static PortalProfile load(Optional<Path> file) {
    if (file.isEmpty()) {
      return defaults();
    }
    String where = "CJ_PORTAL_PROFILE " + file.get();
    JsonNode override;
    try {
      override = YAML.readTree(Files.readString(file.get()));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": not valid YAML or JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": cannot be read (" + e.getMessage() + ")");
    }
    if (override == null || !override.isObject()) {
      throw new IllegalArgumentException(where + ": must be a mapping of keys (version, portal, signIn, token, elements)");
    }
    return parse(merge((ObjectNode) defaultTree(), (ObjectNode) override), where);
  }

  /** The same profile with the portal at {@code url} (CJ_PORTAL_URL). */
  public PortalProfile withPortalUrl(String url) {
    return new PortalProfile(version, name, new Portal(url, portal.tokenPage()), signIn, token, elements);
  }

  public URI portalUrl() {
    return URI.create(portal.url());
  }

  /** The token page's address: the portal's origin and the profile's path. */
  public String tokenPageUrl() {
    return portalUrl().resolve(portal.tokenPage()).toString();
  }

  public List<Candidate> candidates(Element element) {
    return elements.getOrDefault(element.key(), List.of());
  }

  /** The element's candidates as a specialist reads them in a failure or a check. */
  List<String> described(Element element) {
    return candidates(element).stream().map(Candidate::describe).toList();
  }

  public Pattern tokenPattern() {
    return Pattern.compile(token.pattern());
  }

  /** Whether the CJ email, password and code may be typed on a page at {@code url}. */
  public boolean allowsCredentialsAt(String url) {
    String origin = origin(url);
    if (origin == null) {
      return false;
    }
    if (signIn.credentialOrigins().contains(PORTAL_HOST)) {
      URI page = URI.create(url.trim());
      URI home = portalUrl();
      if (page.getScheme().equalsIgnoreCase(home.getScheme()) && page.getHost().equalsIgnoreCase(home.getHost())) {
        return true;
      }
    }
    return credentialOrigins().contains(origin);
  }

  /** The allowed origins as written, "portal" resolved; "portal-host" as scheme://host:*. */
  public List<String> credentialOrigins() {
    return signIn.credentialOrigins().stream()
        .map(o -> switch (o) {
          case PORTAL -> origin(portal.url());
          case PORTAL_HOST -> portalUrl().getScheme() + "://" + portalUrl().getHost() + ":*";
          default -> origin(o);
        })
        .toList();
  }

  private static final String PORTAL = "portal";
  private static final String PORTAL_HOST = "portal-host";

  /** scheme://host[:port], lower case, the default port left out; null for a URL without a host. */
  static String origin(String url) {
    try {
      URI uri = URI.create(url.trim());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static JsonNode defaultTree() {
    try (InputStream in = PortalProfile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("the default portal profile " + DEFAULT_RESOURCE + " cannot be read", e);
    }
  }

  /** Objects merge key by key; anything else (a list of candidates, a value) replaces the default's. */
  private static ObjectNode merge(ObjectNode base, ObjectNode override) {
    Iterator<Map.Entry<String, JsonNode>> fields = override.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = base.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overrideObject) {
        merge(existingObject, overrideObject);
      } else {
        base.set(field.getKey(), field.getValue());
      }
    }
    return base;
  }

  private static PortalProfile parse(JsonNode tree, String where) {
    PortalProfile profile;
    try {
      profile = YAML.treeToValue(tree, PortalProfile.class);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(where + ": unknown key '" + path(e) + "'");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(where + ": " + e.getOriginalMessage() + " at '" + path(e) + "'");
    }
    profile.validate(where);
    return profile;
  }

  private static String path(JsonProcessingException e) {
    if (!(e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping)) {
      return "?";
    }
    StringBuilder path = new StringBuilder();
    for (var ref : mapping.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private void validate(String where) {
    if (version != VERSION) {
      throw new IllegalArgumentException(where + ": version must be " + VERSION + ", was " + version);
    }
    require(where, "portal", portal);
    require(where, "portal.url", portal.url());
    require(where, "portal.tokenPage", portal.tokenPage());
    if (origin(portal.url()) == null) {
      throw new IllegalArgumentException(where + ": portal.url must be an absolute http(s) URL, was '" + portal.url() + "'");
    }
    if (!portal.tokenPage().startsWith("/")) {
      throw new IllegalArgumentException(where + ": portal.tokenPage must be a path starting with /");
    }
    require(where, "signIn.credentialOrigins", signIn == null ? null : signIn.credentialOrigins());
    for (int i = 0; i < signIn.credentialOrigins().size(); i++) {
      String o = signIn.credentialOrigins().get(i);
      if (o == null || (!PORTAL.equals(o) && !PORTAL_HOST.equals(o) && origin(o) == null)) {
        throw new IllegalArgumentException(where + ": signIn.credentialOrigins[" + i
            + "] must be scheme://host[:port], portal or portal-host, was '" + o + "'");
      }
    }
    require(where, "token", token);
    require(where, "token.pattern", token.pattern());
    try {
      Pattern.compile(token.pattern());
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new IllegalArgumentException(where + ": token.pattern: bad pattern: " + e.getDescription());
    }
    if (token.minLength() < 8) {
      throw new IllegalArgumentException(where + ": token.minLength must be at least 8, was " + token.minLength());
    }
    require(where, "elements", elements);
    for (Map.Entry<String, List<Candidate>> entry : elements.entrySet()) {
      if (Element.byKey(entry.getKey()).isEmpty()) {
        throw new IllegalArgumentException(where + ": unknown key 'elements." + entry.getKey() + "'");
      }
      List<Candidate> list = entry.getValue() == null ? List.of() : entry.getValue();
      for (int i = 0; i < list.size(); i++) {
        String at = "elements." + entry.getKey() + "[" + i + "]";
        if (list.get(i) == null) {
          throw new IllegalArgumentException(where + ": " + at + ": empty candidate");
        }
        try {
          list.get(i).validate(at);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
      }
    }
    for (Element element : Element.values()) {
      if (!Element.OPTIONAL.contains(element) && candidates(element).isEmpty()) {
        throw new IllegalArgumentException(where + ": elements." + element.key() + " needs at least one candidate");
      }
    }
  }

  private static void require(String where, String key, Object value) {
    if (value == null) {
      throw new IllegalArgumentException(where + ": " + key + " is required");
    }
  }
}
