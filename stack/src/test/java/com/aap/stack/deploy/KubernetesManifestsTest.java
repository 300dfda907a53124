package com.aap.stack.deploy;

import static com.aap.stack.deploy.Kustomization.map;
import static com.aap.stack.deploy.Kustomization.maps;
import static com.aap.stack.deploy.Manifests.containers;
import static com.aap.stack.deploy.Manifests.name;
import static com.aap.stack.deploy.Manifests.podSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.aap.api.testing.TestDatabase;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * deploy/k8s as a cluster would get it: each overlay rendered (as {@code kubectl kustomize} would), every object
 * read strictly into fabric8's Kubernetes model, and what ties the objects together checked (probes, selectors,
 * Secrets, the KEDA scaler's query on the real schema). KEDA's and CloudNativePG's kinds are not in that model:
 * their fields are checked here by name.
 */
class KubernetesManifestsTest {

  private static final Path K8S = Path.of("..", "deploy", "k8s");
  private static final Path DESIGN = Path.of("..", "docs", "design.md");
  private static final Path DEPLOY_GUIDE = Path.of("..", "docs", "deploy.md");
  /** Variables set in the manifests that are not the application's configuration keys (docs/design.md). */
  private static final Set<String> NOT_CONFIGURATION_KEYS = Set.of(
      "JAVA_TOOL_OPTIONS", "HOME", "DB_USER", "DB_PASSWORD");
  private static final Pattern VARIABLE_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  static Stream<String> overlays() throws IOException {
    try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
      return dirs.map(dir -> dir.getFileName().toString()).sorted().toList().stream();
    }
  }

  @Test
  void thereAreAStagingAndAProductionOverlay() throws IOException {
    assertThat(overlays()).contains("staging", "production");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyObjectReadsStrictlyIntoTheKubernetesModel(String overlay) {
    List<Map<String, Object>> objects = render(overlay);
    Set<String> seen = new HashSet<>();
    for (Map<String, Object> object : objects) {
      Manifests.parseStrictly(object);
      assertThat(Kustomization.metadata(object).get("namespace")).as(id(object)).isNotNull();
      assertThat(seen.add(id(object))).as("twice: " + id(object)).isTrue();
    }
    assertThat(seen).contains("Deployment/aap-api", "Service/aap-api", "Ingress/aap-api", "Deployment/aap-agent",
        "ScaledObject/aap-agent", "TriggerAuthentication/aap-agent-scaler");
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theRenderingIsKubectlsWhereKubectlIsInstalled(String overlay) throws Exception {
    assumeTrue(onPath("kubectl"), "kubectl is not installed: the rendering is checked against it where it is");
    Process kubectl = new ProcessBuilder("kubectl", "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(kubectl.exitValue()).as(output).isZero();
    Path rendered = Files.createTempFile("kustomized", ".yaml");
    try {
      Files.writeString(rendered, output);
      assertThat(byId(Kustomization.readAll(rendered))).isEqualTo(byId(render(overlay)));
    } finally {
      Files.delete(rendered);
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theApiRunsTwoReplicasThatTrafficReachesOnlyWhenReady(String overlay) {
    Map<String, Object> api = find(render(overlay), "Deployment", "aap-api");
    assertThat(map(api, "spec").get("replicas")).isEqualTo(2);
    Map<String, Object> container = containers(api).get(0);
    assertThat(map(map(container, "readinessProbe"), "httpGet")).containsEntry("path", "/api/health/ready");
    assertThat(map(map(container, "livenessProbe"), "httpGet")).containsEntry("path", "/api/health/live");
    Set<Object> portNames = new HashSet<>();
    maps(container.get("ports")).forEach(port -> portNames.add(port.get("name")));
    for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
      assertThat(portNames).as(probe).contains(map(map(container, probe), "httpGet").get("port"));
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerIsBoundedRunsAsNonRootAndHoldsNoCapabilityButChromiumsSandbox(String overlay) {
    for (Map<String, Object> deployment : ofKind(render(overlay), "Deployment")) {
      assertThat(map(podSpec(deployment), "securityContext")).as(id(deployment)).containsEntry("runAsNonRoot", true);
      for (Map<String, Object> container : containers(deployment)) {
        String where = id(deployment) + " " + container.get("name");
        assertThat(String.valueOf(container.get("image"))).as(where + ": an image from the overlay's images").contains("/");
        Map<String, Object> resources = map(container, "resources");
        for (String quantity : List.of("cpu", "memory")) {
          assertThat(new Quantity(String.valueOf(map(resources, "requests").get(quantity))).getNumericalAmount())
              .as(where + " requests " + quantity).isPositive();
        }
        assertThat(new Quantity(String.valueOf(map(resources, "limits").get("memory"))).getNumericalAmount())
            .as(where + " memory limit").isPositive();
        Map<String, Object> security = map(container, "securityContext");
        Map<String, Object> capabilities = map(security, "capabilities");
        assertThat(capabilities.get("drop")).as(where).isEqualTo(List.of("ALL"));
        List<Object> added = List.copyOf((List<?>) capabilities.getOrDefault("add", List.of()));
        assertThat(added).as(where + ": what Chromium's sandbox needs, nothing else").isSubsetOf(List.<Object>of("SYS_ADMIN"));
        // the API server refuses allowPrivilegeEscalation: false beside SYS_ADMIN
        assertThat(security.get("allowPrivilegeEscalation")).as(where).isEqualTo(added.isEmpty() ? false : null);
        if (!"browser".equals(container.get("name"))) {
          assertThat(security).as(where).containsEntry("readOnlyRootFilesystem", true);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void servicesIngressesAndTheScalerPointAtWhatTheOverlayDeploys(String overlay) {
    List<Map<String, Object>> objects = render(overlay);
    for (Map<String, Object> service : ofKind(objects, "Service")) {
      Map<String, Object> selector = map(map(service, "spec"), "selector");
      Map<String, Object> pods = ofKind(objects, "Deployment").stream()
          .map(d -> map(map(map(map(d, "spec"), "template"), "metadata"), "labels"))
          .filter(labels -> labels.entrySet().containsAll(selector.entrySet()))
          .findFirst().orElseThrow(() -> new AssertionError(id(service) + " selects no Deployment's pods"));
      assertThat(pods).isNotEmpty();
    }
    for (Map<String, Object> ingress : ofKind(objects, "Ingress")) {
      for (Map<String, Object> rule : maps(map(ingress, "spec").get("rules"))) {
        for (Map<String, Object> path : maps(map(rule, "http").get("paths"))) {
          Map<String, Object> backend = map(map(path, "backend"), "service");
          Map<String, Object> service = find(objects, "Service", String.valueOf(backend.get("name")));
          assertThat(maps(map(service, "spec").get("ports"))).extracting(p -> p.get("name"))
              .as(id(ingress)).contains(map(backend, "port").get("name"));
        }
      }
    }
    Map<String, Object> scaler = map(find(objects, "ScaledObject", "aap-agent"), "spec");
    find(objects, "Deployment", String.valueOf(map(scaler, "scaleTargetRef").get("name")));
    for (Map<String, Object> trigger : maps(scaler.get("triggers"))) {
      assertThat(trigger.get("type")).isEqualTo("postgresql");
      assertThat(map(trigger, "metadata")).containsKeys("query", "targetQueryValue");
      find(objects, "TriggerAuthentication", String.valueOf(map(trigger, "authenticationRef").get("name")));
    }
    for (Map<String, Object> cluster : ofKind(objects, "Cluster")) {
      assertThat(cluster.get("apiVersion")).isEqualTo("postgresql.cnpg.io/v1");
      Map<String, Object> spec = map(cluster, "spec");
      assertThat((Integer) spec.get("instances")).isPositive();
      assertThat(new Quantity(String.valueOf(map(spec, "storage").get("size"))).getNumericalAmount()).isPositive();
      assertThat(map(map(spec, "bootstrap"), "initdb")).containsEntry("database", "aap").containsKey("owner");
      // the operator's Secrets and Service are named after the cluster
      assertThat(secretsRead(objects)).contains(name(cluster) + "-app/username", name(cluster) + "-ca/ca.crt");
      assertThat(env(find(objects, "Deployment", "aap-api")).get("DATABASE_URL")).contains("@" + name(cluster) + "-rw:");
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyVariableIsAConfigurationKeyAndReferencesOnlyVariablesSetBeforeIt(String overlay) throws IOException {
    Set<String> keys = configurationKeys();
    for (Map<String, Object> deployment : ofKind(render(overlay), "Deployment")) {
      for (Map<String, Object> container : containers(deployment)) {
        Set<String> before = new HashSet<>();
        for (Map<String, Object> variable : maps(container.get("env"))) {
          String name = String.valueOf(variable.get("name"));
          String where = id(deployment) + " " + container.get("name") + " " + name;
          assertThat(keys.contains(name) || NOT_CONFIGURATION_KEYS.contains(name)).as(where + " is a known key").isTrue();
          Matcher reference = VARIABLE_REFERENCE.matcher(String.valueOf(variable.get("value")));
          while (reference.find()) assertThat(before).as(where).contains(reference.group(1));
          before.add(name);
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everySecretTheManifestsReadIsInTheDeployGuide(String overlay) throws IOException {
    String guide = Files.readString(DEPLOY_GUIDE);
    for (String secretAndKey : secretsRead(render(overlay))) {
      String[] parts = secretAndKey.split("/");
      assertThat(guide).as(secretAndKey).contains("`" + parts[0] + "`").contains("`" + parts[1] + "`");
    }
  }

  @Test
  void theScalersQueryAsksForOneAgentPerFourJobsAndNoMoreThanOnePerBusyLogin() throws SQLException {
    Map<String, Object> base = find(Kustomization.render(K8S.resolve("base")), "ScaledObject", "aap-agent");
    Map<String, Object> trigger = maps(map(base, "spec").get("triggers")).get(0);
    String query = String.valueOf(map(trigger, "metadata").get("query"));
    int target = Integer.parseInt(String.valueOf(map(trigger, "metadata").get("targetQueryValue")));
    Map<String, Object> agent = find(Kustomization.render(K8S.resolve("base")), "Deployment", "aap-agent");
    assertThat(env(agent).get("AGENT_CONCURRENCY")).isEqualTo(String.valueOf(target));
    assertThat(query).contains("* " + target + ")");

    TestDatabase.reset();
    try (Connection db = TestDatabase.connect(); Statement st = db.createStatement()) {
      UUID busy = login(st);
      UUID quiet = login(st);
      jobs(st, busy, "queued", 6);
      jobs(st, busy, "running", 2);
      jobs(st, busy, "waiting_for_person", 1);
      jobs(st, busy, "succeeded", 5);
      jobs(st, quiet, "failed", 3);
      assertThat(agents(st, query, target)).as("9 jobs of one login: that login's agent only").isEqualTo(1);
      jobs(st, quiet, "queued", 3);
      assertThat(agents(st, query, target)).as("12 jobs of two logins").isEqualTo(2);
      UUID third = login(st);
      jobs(st, third, "queued", 1);
      assertThat(agents(st, query, target)).as("13 jobs of three logins").isEqualTo(3);
      st.execute("UPDATE jobs SET state = 'succeeded' WHERE state <> 'failed'");
      assertThat(agents(st, query, target)).as("nothing to do").isZero();
    } finally {
      TestDatabase.reset();
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private static List<Map<String, Object>> render(String overlay) {
    return Kustomization.render(K8S.resolve("overlays").resolve(overlay));
  }

  /** KEDA's desired replicas: ceil(value / target). */
  private static long agents(Statement st, String query, int target) throws SQLException {
    try (ResultSet rs = st.executeQuery(query)) {
      rs.next();
      return (rs.getLong(1) + target - 1) / target;
    }
  }

  private static UUID login(Statement st) throws SQLException {
    UUID id = UUID.randomUUID();
    st.execute("INSERT INTO cj_logins (id, email, password_enc) VALUES ('" + id + "', '" + id + "@agency.example', '\\x00')");
    return id;
  }

  private static void jobs(Statement st, UUID login, String state, int count) throws SQLException {
    for (int i = 0; i < count; i++) {
      String store = "store-" + UUID.randomUUID();
      st.execute("INSERT INTO stores (id, name, cj_company_id, cj_login_id) VALUES ('" + store + "', 'S', '1', '" + login + "')");
      st.execute("INSERT INTO jobs (id, store_id, token_name, state, max_attempts) VALUES ('" + UUID.randomUUID() + "', '"
          + store + "', 't', '" + state + "', 3)");
    }
  }

  private static Map<String, Object> find(List<Map<String, Object>> objects, String kind, String name) {
    return objects.stream().filter(o -> kind.equals(o.get("kind")) && name.equals(name(o))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
  }

  private static List<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.get("kind"))).toList();
  }

  private static String id(Map<String, Object> object) {
    return object.get("kind") + "/" + name(object);
  }

  private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
    Map<String, Map<String, Object>> byId = new TreeMap<>();
    objects.forEach(o -> byId.put(id(o), o));
    return byId;
  }

  /** The first container's plain values by name. */
  private static Map<String, String> env(Map<String, Object> deployment) {
    Map<String, String> values = new TreeMap<>();
    maps(containers(deployment).get(0).get("env")).forEach(v -> values.put(String.valueOf(v.get("name")),
        String.valueOf(v.get("value"))));
    return values;
  }

  /** Every Secret key read, as secret/key: by variables, volumes and KEDA's TriggerAuthentication. */
  private static Set<String> secretsRead(List<Map<String, Object>> objects) {
    Set<String> read = new HashSet<>();
    for (Map<String, Object> deployment : ofKind(objects, "Deployment")) {
      for (Map<String, Object> container : containers(deployment)) {
        for (Map<String, Object> variable : maps(container.get("env"))) {
          Object from = variable.get("valueFrom");
          if (from != null && ((Map<?, ?>) from).containsKey("secretKeyRef")) {
            Map<String, Object> ref = map(map(variable, "valueFrom"), "secretKeyRef");
            read.add(ref.get("name") + "/" + ref.get("key"));
          }
        }
      }
      for (Map<String, Object> volume : maps(podSpec(deployment).get("volumes"))) {
        if (!volume.containsKey("secret")) continue;
        Map<String, Object> secret = map(volume, "secret");
        maps(secret.get("items")).forEach(item -> read.add(secret.get("secretName") + "/" + item.get("key")));
      }
    }
    for (Map<String, Object> auth : ofKind(objects, "TriggerAuthentication")) {
      maps(map(auth, "spec").get("secretTargetRef")).forEach(ref -> read.add(ref.get("name") + "/" + ref.get("key")));
    }
    return read;
  }

  /** The keys of docs/design.md's configuration table. */
  private static Set<String> configurationKeys() throws IOException {
    Set<String> keys = new HashSet<>();
    Matcher key = Pattern.compile("`([A-Z][A-Z0-9_]+)`").matcher("");
    for (String line : Files.readAllLines(DESIGN)) {
      if (!line.matches("\\| (api|agent|sandbox) \\|.*")) continue;
      String cell = line.split("\\|")[2];
      key.reset(cell);
      while (key.find()) keys.add(key.group(1));
    }
    return keys;
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }

}
