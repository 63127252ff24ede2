package io.reflex.ingestion;

import io.reflex.common.launch.ReflexService;
import io.vertx.core.Deployable;

public final class IngestionService implements ReflexService {

  @Override
  public String name() {
    return "ingestion";
  }

  @Override
  public int startOrder() {
    return 30;
  }

  @Override
  public Deployable createVerticle() {
    return new IngestionVerticle();
  }
}
