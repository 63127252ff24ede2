package io.reflex.gateway;

import io.reflex.common.launch.ReflexService;
import io.vertx.core.Deployable;

public final class GatewayService implements ReflexService {

  @Override
  public String name() {
    return "gateway";
  }

  @Override
  public int startOrder() {
    return 90;
  }

  @Override
  public Deployable createVerticle() {
    return new GatewayVerticle();
  }

  @Override
  public boolean servesClients() {
    return true;
  }
}
