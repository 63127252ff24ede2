package io.reflex.common.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.jackson.JacksonCodec;
import java.io.IOException;

/**
 * Parses JSON from untrusted clients with limits far below Jackson's defaults (1000 levels,
 * 20M-character strings), so a hostile frame is refused while it is read rather than after it has
 * been built in memory.
 */
public final class BoundedJson {

  private final JsonFactory factory;

  public BoundedJson(int maxDepth, int maxStringLength, int maxNumberLength) {
    this.factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(maxDepth)
                    .maxStringLength(maxStringLength)
                    .maxNumberLength(maxNumberLength)
                    .build())
            .build();
  }

  /** Limits that suit CloudEvents: 32 levels, 64 Ki-character strings, 100-digit numbers. */
  public static BoundedJson forEvents() {
    return new BoundedJson(32, 65_536, 100);
  }

  /** Returns a JsonObject, JsonArray, String, Number, Boolean or null. */
  public Object parse(String text) {
    try (JsonParser parser = factory.createParser(text)) {
      return JacksonCodec.fromParser(parser, Object.class);
    } catch (IOException e) {
      throw new DecodeException(e.getMessage(), e);
    }
  }
}
