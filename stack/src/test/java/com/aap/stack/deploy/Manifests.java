package com.aap.stack.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Reads rendered objects into fabric8's Kubernetes model, strictly, and finds things in them. */
final class Manifests {

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private Manifests() {
  }

  /**
   * The object as fabric8's model of its kind (a {@link GenericKubernetesResource} for a kind it does not know:
   * KEDA's and CloudNativePG's), failing on a field the model does not have (fabric8 keeps those aside in
   * {@code additionalProperties}, which no object here may use) and on a value it cannot take.
   */
  static HasMetadata parseStrictly(Map<String, Object> object) {
    String where = object.get("kind") + " " + name(object);
    HasMetadata typed;
    try {
      typed = SERIALIZATION.unmarshal(SERIALIZATION.asJson(object));
    } catch (RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null) cause = cause.getCause();
      throw new AssertionError(where + ": " + cause.getMessage(), e); // fabric8's own message says only "An error"
    }
    if (!(typed instanceof GenericKubernetesResource)) {
      List<String> unknown = new ArrayList<>();
      collectUnknownFields(typed, "", unknown);
      if (!unknown.isEmpty()) throw new AssertionError(where + ": fields Kubernetes does not have: " + unknown);
    }
    return typed;
  }

  static boolean isKnownKind(HasMetadata typed) {
    return !(typed instanceof GenericKubernetesResource);
  }

  private static void collectUnknownFields(Object node, String path, List<String> unknown) {
    if (node == null) return;
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) collectUnknownFields(item, path + "[" + i++ + "]", unknown);
      return;
    }
    if (node instanceof Map<?, ?> entries) {
      entries.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.")) return;
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
          || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
        continue;
      }
      Object value = invoke(getter, node);
      String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
      if (field.equals("additionalProperties")) {
        if (value instanceof Map<?, ?> extra) extra.keySet().forEach(key -> unknown.add(path + "." + key));
      } else {
        collectUnknownFields(value, path + "." + field, unknown);
      }
    }
  }

  private static Object invoke(Method getter, Object node) {
    try {
      return getter.invoke(node);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + getter, e);
    }
  }

  static String name(Map<String, Object> object) {
    return String.valueOf(Kustomization.metadata(object).get("name"));
  }

  /** A Deployment's containers (init containers included); none for other kinds. */
  static List<Map<String, Object>> containers(Map<String, Object> object) {
    if (!"Deployment".equals(object.get("kind"))) return List.of();
    Map<String, Object> pod = podSpec(object);
    List<Map<String, Object>> containers = new ArrayList<>(Kustomization.maps(pod.get("containers")));
    containers.addAll(Kustomization.maps(pod.get("initContainers")));
    return containers;
  }

  static Map<String, Object> podSpec(Map<String, Object> deployment) {
    return Kustomization.map(Kustomization.map(Kustomization.map(deployment, "spec"), "template"), "spec");
  }
}
