package io.reflex.anomaly;

import io.reflex.common.launch.ReflexService;
import io.vertx.core.Deployable;

public final class AnomalyService implements ReflexService {

  @Override
  public String name() {
    return "anomaly";
  }

  @Override
  public int startOrder() {
    return 10;
  }

  @Override
  public Deployable createVerticle() {
    return new AnomalyVerticle();
  }

  @Override
  public boolean keepsState() {
    return true;
  }
}
