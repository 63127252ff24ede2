package io.reflex.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;

/**
 * A live subscription; it is renewed automatically after a reconnect. Against a durable mesh it
 * keeps the cursor of the last output it received and is renewed from there (wire contract v1.1),
 * so a drop loses nothing.
 */
public final class Subscription {

  private final ReflexClient client;
  private final String sub;
  private final JsonObject pattern;
  private final Handler<JsonObject> handler;
  private volatile String cursor;

  Subscription(
      ReflexClient client,
      String sub,
      JsonObject pattern,
      String from,
      Handler<JsonObject> handler) {
    this.client = client;
    this.cursor = from;
    this.sub = sub;
    this.pattern = pattern;
    this.handler = handler;
  }

  /** The subscription's name on the connection ({@code sub} in the protocol). */
  public String name() {
    return sub;
  }

  public JsonObject pattern() {
    return pattern;
  }

  /**
   * The cursor of the last output received (or the {@code from} the subscription started with);
   * null in fast mode. Keep it to resume from it later, e.g. in another process: {@link
   * ReflexClient#subscribe(JsonObject, String, Handler)}.
   */
  public String cursor() {
    return cursor;
  }

  void cursor(String cursor) {
    this.cursor = cursor;
  }

  public Future<Void> unsubscribe() {
    return client.unsubscribe(this);
  }

  void deliver(JsonObject event, String cursor) {
    if (cursor != null) {
      this.cursor = cursor;
    }
    handler.handle(event);
  }
}
