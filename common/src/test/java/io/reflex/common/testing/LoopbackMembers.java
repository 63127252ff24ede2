package io.reflex.common.testing;

import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The {@code cluster} configuration of an in-process member of a test cluster on 127.0.0.1: TCP/IP
 * discovery among the given Hazelcast ports, the event bus on loopback too.
 */
public final class LoopbackMembers {

  private LoopbackMembers() {}

  /**
   * @param name the cluster's name, unique per test so that runs never meet
   * @param ports every member's Hazelcast port
   * @param slot which of {@code ports} this member listens on
   */
  public static JsonObject member(String name, int[] ports, int slot) {
    return new JsonObject()
        .put("name", name)
        .put("host", "127.0.0.1")
        .put("port", ports[slot])
        .put(
            "members",
            Arrays.stream(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")))
        .put("eventBusHost", "127.0.0.1");
  }
}
