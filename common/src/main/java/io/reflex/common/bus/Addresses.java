package io.reflex.common.bus;

/** Event-bus addresses, {@code reflex.<service>.<action>}. Addresses are not CloudEvent types. */
public final class Addresses {

  /**
   * Request: an {@link io.reflex.common.event.EventBatch} from a front door; reply: a JSON array of
   * results.
   */
  public static final String INGESTION_ACCEPT = "reflex.ingestion.accept";

  /**
   * Request: {@code {}}; reply: the state of each source that can be down on its own (database
   * sources), by name: {@code
   * {"orders-db":{"kind":"postgres-cdc","status":"up"|"down","reason":..}}}. Readiness asks it.
   */
  public static final String INGESTION_SOURCES = "reflex.ingestion.sources";

  /** Send: accepted (or derived) events to be matched against the rules. */
  public static final String ROUTER_ROUTE = "reflex.router.route";

  /**
   * Request: an {@link io.reflex.common.event.EventBatch} routed confirmed, as durable mode routes
   * the event log; the reply ({@code {}}) comes once every action the batch triggered is done.
   * {@code reflex replay} drives it.
   */
  public static final String ROUTER_ROUTE_CONFIRMED = "reflex.router.route.confirmed";

  /**
   * Request (admin): {@code {}}; reply: the loaded rules, their version, hit counts and the last
   * reload error.
   */
  public static final String ROUTER_RULES_LIST = "reflex.router.rules.list";

  /**
   * Request (admin): a rules document as text (YAML or JSON); reply: {@code
   * {"valid":..,"errors":[..]}}.
   */
  public static final String ROUTER_RULES_VALIDATE = "reflex.router.rules.validate";

  /**
   * Request (admin): {@code {"event":{..},"rules":"<optional document>"}}; reply: what the event
   * matches and what it would emit, with no side effect.
   */
  public static final String ROUTER_RULES_TEST = "reflex.router.rules.test";

  /** Admin: explains for one event why each rule matches or not (request-reply). */
  public static final String ROUTER_RULES_EXPLAIN = "reflex.router.rules.explain";

  /** Send: events a rule delivered to the anomaly service. */
  public static final String ANOMALY_SCORE = "reflex.anomaly.score";

  /** Send: events a rule delivered to the recommender. */
  public static final String RECOMMENDER_LEARN = "reflex.recommender.learn";

  /** Request: {@code {"user":..,"n":..}}; reply: {@code {"user":..,"items":[..]}}. */
  public static final String RECOMMENDER_RECOMMEND = "reflex.recommender.recommend";

  /** Request: {@code {"item":..,"n":..}}; reply: {@code {"item":..,"items":[..]}}. */
  public static final String RECOMMENDER_SIMILAR = "reflex.recommender.similar";

  /**
   * Request (between recommender replicas): {@code {}}; reply: where to pull a snapshot of the
   * replier's model, {@code {"address":..,"transfer":..,"bytes":..,"chunks":..}}; each chunk is
   * then requested from that address with {@code {"transfer":..,"index":..}} and answered as a
   * Buffer.
   */
  public static final String RECOMMENDER_SNAPSHOT = "reflex.recommender.snapshot";

  /**
   * Publish: every output event, in batches ({@code EventBatch}, one per service batch), to every
   * gateway, which pushes each to matching subscriptions.
   */
  public static final String GATEWAY_OUTPUT = "reflex.gateway.output";

  private Addresses() {}

  /**
   * The address of one member's consumer of {@code address}: durable mode confirms a delivery that
   * every replica must learn (the recommender's) replica by replica.
   */
  public static String ofMember(String address, String node) {
    return address + "." + node;
  }
}
