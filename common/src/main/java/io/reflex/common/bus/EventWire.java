package io.reflex.common.bus;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How events cross between nodes: each event's JSON tree in a tagged binary form, numbers as their
 * bits and, in a batch, each short string once (the keys and the types, sources and spec versions
 * that every event of a batch repeats). The receiver builds the tree directly, instead of parsing
 * JSON text and so reading every character of every event at every hop.
 *
 * <p>The receiver gets exactly the tree that parsing the event's JSON text would give it: the same
 * maps, lists, strings, and numbers of the same Java types (an integer as the narrowest of {@code
 * Integer} and {@code Long}, a fraction as a {@code Double}). An event holding a value whose text
 * would read back as something else (a {@code Float}, a {@code BigDecimal}, a {@code BigInteger}, a
 * non-finite double, an {@code Instant} or any other object a {@code JsonObject} may carry) travels
 * as its text instead.
 */
final class EventWire {

  private static final byte TEXT = 'x';
  private static final byte OBJECT = 'o';
  private static final byte ARRAY = 'a';
  private static final byte STRING = 's';
  private static final byte SHARED_STRING = 'S';
  private static final byte SHARED_REF = 'r';
  private static final byte INT = 'i';
  private static final byte LONG = 'l';
  private static final byte DOUBLE = 'd';
  private static final byte TRUE = 't';
  private static final byte FALSE = 'f';
  private static final byte NULL = 'n';

  /** Strings up to this length are sent once per message and referred to after that. */
  private static final int SHARED_MAX_LENGTH = 64;

  private EventWire() {}

  /**
   * Writes the events of one message into an array of its own, appended to the message's buffer at
   * the end (a write per byte into the buffer cost more than the rest of the encoding); its string
   * table lives as long as the message.
   */
  static final class Writer {

    /** Null for a message of one event: a table costs more than the strings one event repeats. */
    private final Map<String, Integer> shared;

    /** The table's strings in the order they were added, so that a rolled-back event's go. */
    private final List<String> sharedInOrder;

    private byte[] out;
    private int size;

    /**
     * @param events how many events the message will hold
     */
    Writer(int events) {
      this.shared = events > 1 ? new HashMap<>(64) : null;
      this.sharedInOrder = events > 1 ? new ArrayList<>(32) : null;
      this.out = new byte[256 * Math.min(Math.max(events, 1), 16)];
    }

    /**
     * Writes the event's tree; when it holds a value only its text carries faithfully, what was
     * written of it is taken back and it goes as text.
     */
    void write(CloudEvent event) {
      int start = size;
      int tableSize = shared == null ? 0 : shared.size();
      if (!object(event.json().getMap())) {
        size = start;
        while (shared != null && tableSize < sharedInOrder.size()) {
          shared.remove(sharedInOrder.remove(sharedInOrder.size() - 1));
        }
        byte[] text = event.encode().getBytes(StandardCharsets.UTF_8);
        tag(TEXT);
        count(text.length);
        bytes(text);
      }
    }

    void appendTo(Buffer buffer) {
      buffer.appendBytes(out, 0, size);
    }

    int size() {
      return size;
    }

    void copyTo(ByteBuffer message) {
      message.put(out, 0, size);
    }

    /** False, having written part of it, for a value that would read back as something else. */
    private boolean value(Object value) {
      if (value == null) {
        tag(NULL);
      } else if (value instanceof String text) {
        string(text);
      } else if (value instanceof Boolean bool) {
        tag(bool ? TRUE : FALSE);
      } else if (value instanceof Integer number) {
        tag(INT);
        bits(number, 4);
      } else if (value instanceof Long number) {
        if (number == number.intValue()) {
          tag(INT);
          bits(number, 4);
        } else {
          tag(LONG);
          bits(number, 8);
        }
      } else if (value instanceof Double number) {
        if (!Double.isFinite(number)) {
          return false;
        }
        tag(DOUBLE);
        bits(Double.doubleToRawLongBits(number), 8);
      } else if (value instanceof JsonObject object) {
        return object(object.getMap());
      } else if (value instanceof Map<?, ?> map) {
        return object(map);
      } else if (value instanceof JsonArray array) {
        return array(array.getList());
      } else if (value instanceof List<?> list) {
        return array(list);
      } else {
        return false;
      }
      return true;
    }

    private boolean object(Map<?, ?> map) {
      tag(OBJECT);
      count(map.size());
      for (Map.Entry<?, ?> field : map.entrySet()) {
        if (!(field.getKey() instanceof String key)) {
          return false;
        }
        string(key);
        if (!value(field.getValue())) {
          return false;
        }
      }
      return true;
    }

    private boolean array(List<?> list) {
      tag(ARRAY);
      count(list.size());
      for (Object item : list) {
        if (!value(item)) {
          return false;
        }
      }
      return true;
    }

    private void string(String text) {
      if (shared == null || text.length() > SHARED_MAX_LENGTH) {
        tag(STRING);
      } else {
        Integer index = shared.putIfAbsent(text, shared.size());
        if (index != null) {
          tag(SHARED_REF);
          count(index);
          return;
        }
        sharedInOrder.add(text);
        tag(SHARED_STRING);
      }
      int length = text.length();
      ensure(5 + length);
      int start = size;
      count(length);
      for (int i = 0; i < length; i++) {
        char c = text.charAt(i);
        if (c >= 0x80) { // not ASCII: let the JDK encode it
          size = start;
          byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
          count(utf8.length);
          bytes(utf8);
          return;
        }
        out[size++] = (byte) c;
      }
    }

    private void tag(byte tag) {
      ensure(1);
      out[size++] = tag;
    }

    /** A size, length or index: seven bits a byte, most of them fit one. */
    private void count(int value) {
      ensure(5);
      while ((value & ~0x7F) != 0) {
        out[size++] = (byte) (value & 0x7F | 0x80);
        value >>>= 7;
      }
      out[size++] = (byte) value;
    }

    private void bits(long value, int bytes) {
      ensure(bytes);
      for (int shift = 8 * (bytes - 1); shift >= 0; shift -= 8) {
        out[size++] = (byte) (value >>> shift);
      }
    }

    private void bytes(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, out, size, bytes.length);
      size += bytes.length;
    }

    private void ensure(int more) {
      if (size + more > out.length) {
        out = Arrays.copyOf(out, Math.max(out.length * 2, size + more));
      }
    }
  }

  /**
   * Reads the events of one message, from a position to the end of its buffer, out of one copy of
   * those bytes.
   */
  static final class Reader {

    private final byte[] in;
    private final int start;
    private final List<String> shared = new ArrayList<>(0);
    private int at;

    Reader(Buffer buffer, int start) {
      this.in = buffer.getBytes(start, buffer.length());
      this.start = start;
    }

    /** Where the next read starts in the buffer. */
    int position() {
      return start + at;
    }

    CloudEvent read() {
      if (in[at] == TEXT) {
        at++;
        String text = text(count());
        return CloudEvent.wrap(new JsonObject(text), text);
      }
      if (in[at] != OBJECT) {
        throw new IllegalStateException("not an event at byte " + position() + " of the message");
      }
      at++;
      return CloudEvent.wrap(new JsonObject(object()));
    }

    private Object value() {
      byte tag = in[at++];
      switch (tag) {
        case OBJECT -> {
          return object();
        }
        case ARRAY -> {
          int size = count();
          List<Object> list = new ArrayList<>(size);
          for (int i = 0; i < size; i++) {
            list.add(value());
          }
          return list;
        }
        case SHARED_REF -> {
          return shared.get(count());
        }
        case STRING -> {
          return text(count());
        }
        case SHARED_STRING -> {
          String text = text(count());
          shared.add(text);
          return text;
        }
        case INT -> {
          return (int) bits(4);
        }
        case LONG -> {
          return bits(8);
        }
        case DOUBLE -> {
          return Double.longBitsToDouble(bits(8));
        }
        case TRUE -> {
          return Boolean.TRUE;
        }
        case FALSE -> {
          return Boolean.FALSE;
        }
        case NULL -> {
          return null;
        }
        default ->
            throw new IllegalStateException(
                "unknown tag " + tag + " at byte " + (position() - 1) + " of the message");
      }
    }

    /** An object's fields, its tag read. */
    private Map<String, Object> object() {
      int size = count();
      Map<String, Object> map = new LinkedHashMap<>(Math.max(4, size * 4 / 3 + 1));
      for (int i = 0; i < size; i++) {
        String key = (String) value();
        map.put(key, value());
      }
      return map;
    }

    private String text(int length) {
      String text = new String(in, at, length, StandardCharsets.UTF_8);
      at += length;
      return text;
    }

    private int count() {
      int value = 0;
      for (int shift = 0; ; shift += 7) {
        byte next = in[at++];
        value |= (next & 0x7F) << shift;
        if (next >= 0) {
          return value;
        }
      }
    }

    private long bits(int bytes) {
      long value = 0;
      for (int i = 0; i < bytes; i++) {
        value = value << 8 | (in[at++] & 0xFF);
      }
      return value;
    }
  }
}
