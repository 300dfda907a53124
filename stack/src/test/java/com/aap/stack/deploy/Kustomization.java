package com.aap.stack.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a kustomization as {@code kubectl kustomize} does, for the part of kustomize that deploy/k8s uses,
 * so that CI (which has no kustomize) checks what would be applied: {@code resources} (files and directories),
 * {@code namespace}, {@code labels} (on metadata only), {@code images} and strategic-merge {@code patches}
 * given by path. Any other key fails, so a kustomization cannot use a feature this would silently skip;
 * {@link KubernetesManifestsTest} compares the result with kubectl's where kubectl is installed.
 */
final class Kustomization {

  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).enable(SerializationFeature.INDENT_OUTPUT);

  private static final Set<String> KEYS = Set.of("apiVersion", "kind", "namespace", "labels", "resources",
      "patches", "images");
  /** Strategic-merge keys of the lists our patches touch, as Kubernetes declares them for its own kinds. */
  private static final Map<String, String> MERGE_KEYS = Map.of("containers", "name", "initContainers", "name",
      "env", "name", "volumes", "name", "volumeMounts", "mountPath");
  private static final Set<String> BUILT_IN_API_VERSIONS = Set.of("v1", "apps/v1", "networking.k8s.io/v1",
      "policy/v1", "batch/v1", "autoscaling/v2", "rbac.authorization.k8s.io/v1");

  private Kustomization() {
  }

  /** The objects {@code dir}'s kustomization.yaml stands for. */
  static List<Map<String, Object>> render(Path dir) {
    Map<String, Object> kustomization = readOne(dir.resolve("kustomization.yaml"));
    for (String key : kustomization.keySet()) {
      if (!KEYS.contains(key)) throw new IllegalArgumentException(dir + "/kustomization.yaml: '" + key + "' is not supported here");
    }
    List<Map<String, Object>> objects = new ArrayList<>();
    for (String resource : strings(kustomization.get("resources"))) {
      Path path = dir.resolve(resource).normalize();
      if (Files.isDirectory(path)) objects.addAll(render(path));
      else if (Files.isRegularFile(path)) objects.addAll(readAll(path));
      else throw new IllegalArgumentException(dir + "/kustomization.yaml: resource " + resource + " does not exist");
    }
    for (Map<String, Object> patch : maps(kustomization.get("patches"))) {
      if (!Set.of("path").containsAll(patch.keySet())) throw new IllegalArgumentException(dir + ": only patches by path");
      for (Map<String, Object> document : readAll(dir.resolve((String) patch.get("path")))) applyPatch(objects, document);
    }
    Object namespace = kustomization.get("namespace");
    for (Map<String, Object> object : objects) {
      if (namespace != null) metadata(object).put("namespace", namespace);
      for (Map<String, Object> label : maps(kustomization.get("labels"))) {
        if (!Set.of("pairs").containsAll(label.keySet())) throw new IllegalArgumentException(dir + ": labels: pairs only");
        map(metadata(object), "labels").putAll(map(label, "pairs"));
      }
      for (Map<String, Object> container : Manifests.containers(object)) renameImage(container, maps(kustomization.get("images")));
    }
    return objects;
  }

  static List<Map<String, Object>> readAll(Path file) {
    try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
      List<Map<String, Object>> documents = new ArrayList<>();
      var iterator = YAML.readValues(parser, Map.class);
      while (iterator.hasNext()) {
        @SuppressWarnings("unchecked") Map<String, Object> document = (Map<String, Object>) iterator.next();
        if (document != null) documents.add(document);
      }
      return documents;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static Map<String, Object> readOne(Path file) {
    List<Map<String, Object>> documents = readAll(file);
    if (documents.size() != 1) throw new IllegalArgumentException(file + " must hold one document");
    return documents.get(0);
  }

  private static void applyPatch(List<Map<String, Object>> objects, Map<String, Object> patch) {
    Map<String, Object> target = objects.stream()
        .filter(o -> o.get("kind").equals(patch.get("kind")) && Manifests.name(o).equals(Manifests.name(patch)))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("a patch for " + patch.get("kind") + " " + Manifests.name(patch)
            + " that no resource is"));
    merge(target, patch, BUILT_IN_API_VERSIONS.contains(target.get("apiVersion")));
  }

  /** Maps merge key by key (null deletes); lists merge by their merge key on built-in kinds, else are replaced. */
  @SuppressWarnings("unchecked")
  private static void merge(Map<String, Object> target, Map<String, Object> patch, boolean builtIn) {
    patch.forEach((key, value) -> {
      Object current = target.get(key);
      if (value == null) {
        target.remove(key);
      } else if (value instanceof Map && current instanceof Map) {
        merge((Map<String, Object>) current, (Map<String, Object>) value, builtIn);
      } else if (value instanceof List && current instanceof List && builtIn && MERGE_KEYS.containsKey(key)) {
        mergeList((List<Object>) current, (List<Object>) value, MERGE_KEYS.get(key), builtIn);
      } else {
        target.put(key, value);
      }
    });
  }

  /**
   * The patch's items first, in its order, each merged into the item of the same key if there was one; then the
   * items the patch does not name, as they were: the order kustomize gives.
   */
  @SuppressWarnings("unchecked")
  private static void mergeList(List<Object> target, List<Object> patch, String mergeKey, boolean builtIn) {
    List<Object> merged = new ArrayList<>();
    for (Object item : patch) {
      Map<String, Object> patchItem = (Map<String, Object>) item;
      Map<String, Object> existing = target.stream().map(o -> (Map<String, Object>) o)
          .filter(o -> o.get(mergeKey).equals(patchItem.get(mergeKey)))
          .findFirst().orElse(null);
      if (existing != null) {
        target.remove(existing);
        merge(existing, patchItem, builtIn);
        merged.add(existing);
      } else {
        merged.add(patchItem);
      }
    }
    target.addAll(0, merged);
  }

  private static void renameImage(Map<String, Object> container, List<Map<String, Object>> images) {
    for (Map<String, Object> image : images) {
      if (!image.get("name").equals(container.get("image"))) continue;
      container.put("image", image.getOrDefault("newName", image.get("name"))
          + (image.containsKey("newTag") ? ":" + image.get("newTag") : ""));
    }
  }

  static Map<String, Object> metadata(Map<String, Object> object) {
    return map(object, "metadata");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Map<String, Object> parent, String key) {
    return (Map<String, Object>) parent.computeIfAbsent(key, k -> new LinkedHashMap<>());
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object list) {
    return list == null ? List.of() : (List<Map<String, Object>>) list;
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object list) {
    return list == null ? List.of() : (List<String>) list;
  }
}
