package io.reflex.router.action;

import io.reflex.common.event.FieldPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JSON value with {@code ${path}} placeholders, compiled once when the rules load. A string that
 * is exactly one placeholder takes the referenced value as is (a number stays a number);
 * placeholders inside longer strings are spliced in as text. Paths are dotted field names with
 * optional {@code [n]} array indices, e.g. {@code data.amount} or {@code steps[0].data.amount}; a
 * path that resolves to nothing yields null.
 */
public final class Template {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\[\\]-]+)}");

  private final Object shape;

  private Template(Object shape) {
    this.shape = shape;
  }

  public static Template compile(Object json) {
    return new Template(compileValue(json));
  }

  /** Renders the template against a JSON context (for a field rule: the event itself). */
  public Object render(JsonObject context) {
    return renderValue(shape, context);
  }

  public String renderString(JsonObject context) {
    Object value = render(context);
    return value == null ? null : value.toString();
  }

  private static Object compileValue(Object json) {
    if (json instanceof String text) {
      return compileString(text);
    }
    if (json instanceof JsonObject object) {
      JsonObject compiled = new JsonObject();
      object.forEach(entry -> compiled.put(entry.getKey(), compileValue(entry.getValue())));
      return new ObjectShape(compiled);
    }
    if (json instanceof JsonArray array) {
      List<Object> compiled = new ArrayList<>();
      array.forEach(item -> compiled.add(compileValue(item)));
      return new ArrayShape(compiled);
    }
    return json;
  }

  private static Object compileString(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    if (!matcher.find()) {
      return text;
    }
    if (matcher.start() == 0 && matcher.end() == text.length()) {
      return new PathShape(FieldPath.parse(matcher.group(1)));
    }
    List<Object> parts = new ArrayList<>();
    int last = 0;
    do {
      parts.add(text.substring(last, matcher.start()));
      parts.add(FieldPath.parse(matcher.group(1)));
      last = matcher.end();
    } while (matcher.find());
    parts.add(text.substring(last));
    return new SplicedShape(parts);
  }

  private static Object renderValue(Object shape, JsonObject context) {
    if (shape instanceof PathShape path) {
      return path.path().resolve(context);
    }
    if (shape instanceof SplicedShape spliced) {
      StringBuilder text = new StringBuilder(64);
      for (Object part : spliced.parts()) {
        Object value = part instanceof FieldPath path ? path.resolve(context) : part;
        text.append(value == null ? "" : value);
      }
      return text.toString();
    }
    if (shape instanceof ObjectShape object) {
      JsonObject rendered = new JsonObject();
      // The map itself: the JsonObject's own iteration wraps each field in a new entry.
      object
          .fields()
          .getMap()
          .forEach((name, value) -> rendered.put(name, renderValue(value, context)));
      return rendered;
    }
    if (shape instanceof ArrayShape array) {
      JsonArray rendered = new JsonArray();
      array.items().forEach(item -> rendered.add(renderValue(item, context)));
      return rendered;
    }
    return shape;
  }

  private record PathShape(FieldPath path) {}

  private record SplicedShape(List<Object> parts) {}

  private record ObjectShape(JsonObject fields) {}

  private record ArrayShape(List<Object> items) {}
}
