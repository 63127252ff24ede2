package io.reflex.router;

import io.reflex.common.launch.ReflexService;
import io.vertx.core.Deployable;

public final class RouterService implements ReflexService {

  @Override
  public String name() {
    return "router";
  }

  @Override
  public int startOrder() {
    return 20;
  }

  @Override
  public Deployable createVerticle() {
    return new RouterVerticle();
  }
}
