package io.reflex.k8s;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds fields the fabric8 model did not know. Its parser keeps misspelt fields (say {@code
 * replicaz}) in {@code additionalProperties} instead of failing, so the object tree is walked and
 * every such field reported.
 */
final class UnknownFields {

  private UnknownFields() {}

  /**
   * Paths such as {@code spec.template.spec.containers[0].imagePullPolicyy}; empty when every field
   * is known.
   */
  static List<String> in(Object resource) {
    List<String> found = new ArrayList<>();
    walk(resource, "", found, Collections.newSetFromMap(new IdentityHashMap<>()));
    return found;
  }

  private static void walk(Object node, String path, List<String> found, Set<Object> seen) {
    if (node == null || !seen.add(node)) {
      return;
    }
    if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found, seen);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((key, value) -> walk(value, path + "[" + key + "]", found, seen));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Class<?> type = node.getClass(); type != Object.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          continue;
        }
        Object value = read(field, node);
        if (field.getName().equals("additionalProperties") && value instanceof Map<?, ?> extra) {
          extra.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
        } else {
          walk(value, join(path, field.getName()), found, seen);
        }
      }
    }
  }

  private static Object read(Field field, Object node) {
    try {
      field.setAccessible(true);
      return field.get(node);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
