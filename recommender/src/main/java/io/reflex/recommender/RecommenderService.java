package io.reflex.recommender;

import io.reflex.common.launch.ReflexService;
import io.vertx.core.Deployable;

public final class RecommenderService implements ReflexService {

  @Override
  public String name() {
    return "recommender";
  }

  @Override
  public int startOrder() {
    return 10;
  }

  @Override
  public Deployable createVerticle() {
    return new RecommenderVerticle();
  }

  @Override
  public boolean keepsState() {
    return true;
  }
}
