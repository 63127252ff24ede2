package io.reflex.recommender.cli;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.sim.ShopperSimulator;
import io.reflex.recommender.sim.SimulatorSettings;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reflex recommender simulate --events N --seed S OUT.csv}: a reproducible log for {@code
 * evaluate}.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description =
        "Write N events of the seeded shopper simulator as CSV (user,item,type,timestamp,session).")
public final class SimulateCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "OUT.csv")
  Path output;

  @Option(names = "--events", required = true, description = "number of events")
  long events;

  @Option(names = "--seed", defaultValue = "1", description = "same seed, same file")
  long seed;

  @Option(
      names = "--regime",
      defaultValue = "shop",
      description =
          "shape of the log: shop (the default funnel), "
              + "shop-large (more items, new shoppers, fast drift), sessions (anonymous click sessions), ratings "
              + "(long histories, never the same item twice), repeat-buyers (regulars re-buying staples)")
  String regime;

  @Override
  public Integer call() throws IOException {
    Iterator<Interaction> simulator = new ShopperSimulator(SimulatorSettings.regime(regime, seed));
    try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      out.write("user,item,type,timestamp,session\n");
      for (long i = 0; i < events; i++) {
        Interaction e = simulator.next();
        out.write(
            e.user()
                + ','
                + e.item()
                + ','
                + e.type().name().toLowerCase(Locale.ROOT)
                + ','
                + e.timeMillis()
                + ','
                + e.session()
                + '\n');
      }
    }
    return 0;
  }
}
