package io.reflex.bench;

import java.util.Locale;

/**
 * What the generator sends and which derived output each event must produce. Every workload has a
 * rule that turns some of its events into exactly one output event carrying the cause's id as
 * {@code causationid}, so the end-to-end latency (event in, derived event out) can be measured per
 * event.
 */
enum Workload {

  /**
   * Temperature readings above 90: the bundled rules score them (anomaly) and emit {@code
   * iot.overheating}.
   */
  TELEMETRY("iot.overheating") {
    @Override
    String event(String id, long n, String time) {
      return "{\"specversion\":\"1.0\",\"id\":\""
          + id
          + "\",\"source\":\"bench://telemetry\",\"type\":\"reflex.metric\","
          + "\"subject\":\"temperature/device-"
          + (n % 100)
          + "\",\"time\":\""
          + time
          + "\","
          + "\"data\":{\"value\":"
          + (91 + n % 7)
          + ",\"unit\":\"celsius\",\"site\":\"plant-3\"}}";
    }

    @Override
    boolean expectsOutput(long n) {
      return true;
    }
  },

  /**
   * Views, carts and purchases (3:1:1) teach the recommender; each purchase is worth 600, so the
   * bundled {@code big-purchase} rule derives a {@code shop.big-purchase} from it.
   */
  SHOPPING("shop.big-purchase") {
    @Override
    String event(String id, long n, String time) {
      String type = expectsOutput(n) ? "shop.purchase" : n % 5 == 3 ? "shop.cart" : "shop.view";
      return "{\"specversion\":\"1.0\",\"id\":\""
          + id
          + "\",\"source\":\"bench://shop\",\"type\":\""
          + type
          + "\","
          + "\"subject\":\"u-"
          + (n % 1000)
          + "\",\"time\":\""
          + time
          + "\","
          + "\"data\":{\"user\":\"u-"
          + (n % 1000)
          + "\",\"item\":\"sku-"
          + (n * 7 % 500)
          + "\",\"amount\":600,"
          + "\"session\":\"s-"
          + (n % 1000)
          + "\"}}";
    }

    @Override
    boolean expectsOutput(long n) {
      return n % 5 == 4;
    }
  },

  /**
   * Readings of 10,000 devices against 10,000 field rules (one per device): each reading matches
   * exactly one. Also 1,000 sequence rules, one for each of the first 1,000 devices, whose second
   * step never comes: every reading of those devices (one in ten) updates sequence state in the
   * keyed-state store, and none derives anything.
   */
  RULE_HEAVY("bench.matched") {
    @Override
    String event(String id, long n, String time) {
      return "{\"specversion\":\"1.0\",\"id\":\""
          + id
          + "\",\"source\":\"bench://rules\",\"type\":\"bench.reading\","
          + "\"subject\":\"device/d-"
          + (n % RULES)
          + "\",\"time\":\""
          + time
          + "\","
          + "\"data\":{\"device\":\"d-"
          + (n % RULES)
          + "\",\"value\":"
          + (n % 100)
          + ",\"site\":\"plant-3\"}}";
    }

    @Override
    boolean expectsOutput(long n) {
      return true;
    }

    @Override
    String rulesFile() {
      StringBuilder yaml = new StringBuilder("rules:\n");
      for (int i = 0; i < RULES; i++) {
        yaml.append("  - {id: field-")
            .append(i)
            .append(", pattern: {type: [bench.reading], data: {device: [d-")
            .append(i)
            .append("]}}, actions: [{emit: {type: bench.matched, subject: \"${subject}\"}}]}\n");
      }
      for (int i = 0; i < SEQUENCE_RULES; i++) {
        yaml.append("  - {id: sequence-")
            .append(i)
            .append(", by: subject, within: 1m, steps: [{pattern: {type: ")
            .append("[bench.reading], data: {device: [d-")
            .append(i)
            .append("]}}}, {pattern: {type: [bench.never]}}], ")
            .append("actions: [{emit: {type: bench.sequence}}]}\n");
      }
      return yaml.toString();
    }
  };

  static final int RULES = 10_000;
  static final int SEQUENCE_RULES = 1_000;

  private final String outputType;

  Workload(String outputType) {
    this.outputType = outputType;
  }

  /** One CloudEvent in JSON, about 200 bytes. */
  abstract String event(String id, long n, String time);

  abstract boolean expectsOutput(long n);

  /** The rules file this workload needs, or null for the bundled rules. */
  String rulesFile() {
    return null;
  }

  String outputType() {
    return outputType;
  }

  String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static Workload parse(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
