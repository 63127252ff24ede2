package io.reflex.client;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;

/** A live subscription; it is renewed automatically after a reconnect. */
public final class Subscription {

  private final ReflexClient client;
  private final String sub;
  private final JsonObject pattern;
  private final Handler<JsonObject> handler;

  Subscription(ReflexClient client, String sub, JsonObject pattern, Handler<JsonObject> handler) {
    this.client = client;
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

  public Future<Void> unsubscribe() {
    return client.unsubscribe(this);
  }

  void deliver(JsonObject event) {
    handler.handle(event);
  }
}
