package io.reflex.recommender.eval;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.InteractionType;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The interaction log formats the evaluator reads, as they are published. {@link #detect} picks one
 * from the first line (its header, or the shape of its fields); {@link LogReader} reads a file in
 * one. Ratings logs have no event type: every rating is a view, and without a session column
 * sessions are cut by inactivity.
 */
public enum LogFormat {
  /** {@code user,item,type,timestamp[,session]}; type view|cart|purchase; optional header line. */
  CSV("csv", ",", "user,item,type,timestamp[,session]", 4, 5) {
    @Override
    Interaction event(String[] f) {
      String session = f.length > 4 && !f[4].isBlank() ? f[4].trim() : null;
      return new Interaction(
          f[0].trim(), f[1].trim(), type(f[2]), EventTimes.parseMillis(f[3]), session);
    }

    @Override
    boolean isHeader(String line) {
      return lower(line).startsWith("user,");
    }
  },
  /**
   * {@code session,item,timestamp}: anonymous click sessions; every event is a view and the session
   * is the user.
   */
  SESSIONS("sessions", ",", "session,item,timestamp", 3, 3) {
    @Override
    Interaction event(String[] f) {
      return anonymousView(f[0], f[1], EventTimes.parseMillis(f[2]));
    }

    @Override
    boolean isHeader(String line) {
      return lower(line).startsWith("session,");
    }
  },
  /**
   * session-rec TSV: header {@code SessionId ItemId Time} (more columns may follow), unix seconds.
   */
  SESSION_REC("session-rec", "\t", "SessionId<TAB>ItemId<TAB>Time", 3, Integer.MAX_VALUE) {
    @Override
    Interaction event(String[] f) {
      return anonymousView(f[0], f[1], EventTimes.parseSeconds(f[2]));
    }

    @Override
    boolean isHeader(String line) {
      return lower(line).startsWith("sessionid\titemid\ttime");
    }
  },
  /** MovieLens 100K {@code u.data}: {@code user item rating unixtime}, tab-separated, no header. */
  MOVIELENS("movielens", "\t", "user<TAB>item<TAB>rating<TAB>unixtime", 4, 4) {
    @Override
    Interaction event(String[] f) {
      return ratingAsView(f);
    }

    @Override
    boolean isHeader(String line) {
      return false;
    }

    @Override
    boolean fitsShape(String line) {
      return NUMERIC_TABS.matcher(line.trim()).matches();
    }
  },
  /**
   * MovieLens {@code ratings.csv} (ml-latest, 20M, 25M): {@code userId,movieId,rating,timestamp},
   * unix seconds.
   */
  MOVIELENS_CSV("movielens-csv", ",", "userId,movieId,rating,timestamp", 4, 4) {
    @Override
    Interaction event(String[] f) {
      return ratingAsView(f);
    }

    @Override
    boolean isHeader(String line) {
      return lower(line).startsWith("userid,movieid,rating,timestamp");
    }
  },
  /**
   * RetailRocket {@code events.csv}: {@code timestamp,visitorid,event,itemid,transactionid}, epoch
   * ms.
   */
  RETAILROCKET("retailrocket", ",", "timestamp,visitorid,event,itemid,transactionid", 4, 5) {
    @Override
    Interaction event(String[] f) {
      InteractionType type =
          switch (f[2].trim()) {
            case "view" -> InteractionType.VIEW;
            case "addtocart" -> InteractionType.CART;
            case "transaction" -> InteractionType.PURCHASE;
            default ->
                throw BadLineException.expected(
                    "event view, addtocart or transaction", f[2].trim());
          };
      return new Interaction(f[1].trim(), f[3].trim(), type, EventTimes.parseMillis(f[0]), null);
    }

    @Override
    boolean isHeader(String line) {
      return lower(line).startsWith("timestamp,visitorid,event,itemid");
    }
  },
  /**
   * OTTO JSON Lines: one session per line; clicks/carts/orders map to view/cart/purchase; session =
   * user.
   */
  OTTO(
      "otto",
      null,
      "{\"session\": ..., \"events\": [{\"aid\": ..., \"ts\": ..., \"type\": ...}]}",
      1,
      1) {
    private final ObjectMapper json = new ObjectMapper();

    @Override
    void parse(String line, List<Interaction> out) {
      JsonNode session;
      try {
        session = json.readTree(line);
      } catch (JsonProcessingException e) {
        throw BadLineException.expected("a JSON object " + layout, line);
      }
      JsonNode id = session.get("session");
      JsonNode events = session.get("events");
      if (id == null || events == null || !events.isArray()) {
        throw BadLineException.expected("fields \"session\" and \"events\" (an array)", line);
      }
      for (JsonNode event : events) {
        JsonNode aid = event.get("aid");
        JsonNode ts = event.get("ts");
        JsonNode type = event.get("type");
        if (aid == null || ts == null || !ts.canConvertToLong() || type == null) {
          throw BadLineException.expected(
              "an event with \"aid\", numeric \"ts\" and \"type\"", event.toString());
        }
        out.add(
            new Interaction(
                id.asText(), aid.asText(), ottoType(type.asText()), ts.asLong(), id.asText()));
      }
    }

    @Override
    Interaction event(String[] fields) {
      throw new UnsupportedOperationException("OTTO lines hold whole sessions");
    }

    @Override
    boolean isHeader(String line) {
      return false;
    }

    @Override
    boolean fitsShape(String line) {
      return line.trim().startsWith("{");
    }
  };

  private static final Pattern NUMERIC_TABS =
      Pattern.compile("\\d+\\t\\d+\\t\\d+(\\.\\d+)?\\t\\d+");

  private final String cliName;
  private final String separator;
  final String layout;
  private final int minFields;
  private final int maxFields;

  LogFormat(String cliName, String separator, String layout, int minFields, int maxFields) {
    this.cliName = cliName;
    this.separator = separator;
    this.layout = layout;
    this.minFields = minFields;
    this.maxFields = maxFields;
  }

  /** The name {@code --format} takes. */
  public String cliName() {
    return cliName;
  }

  /** The format named {@code name} on the command line. */
  public static LogFormat named(String name) {
    for (LogFormat format : values()) {
      if (format.cliName.equalsIgnoreCase(name.trim())) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown log format '"
            + name
            + "'; known: "
            + Arrays.stream(values()).map(LogFormat::cliName).toList());
  }

  /**
   * The format whose header the first line is, else the one whose shape it has (OTTO's JSON,
   * MovieLens' four numeric tab-separated fields), else the generic CSV.
   */
  public static LogFormat detect(String firstLine) {
    for (LogFormat format : values()) {
      if (format.isHeader(firstLine)) {
        return format;
      }
    }
    for (LogFormat format : values()) {
      if (format.fitsShape(firstLine)) {
        return format;
      }
    }
    return CSV;
  }

  /**
   * Parses one data line into {@code out}; throws {@link BadLineException} without the file
   * position.
   */
  void parse(String line, List<Interaction> out) {
    String[] f = line.split(separator, -1);
    if (f.length < minFields || f.length > maxFields) {
      String count =
          minFields == maxFields
              ? "" + minFields
              : maxFields == Integer.MAX_VALUE ? ">= " + minFields : minFields + "-" + maxFields;
      throw BadLineException.expected(count + " fields " + layout, f.length + ": " + line);
    }
    for (int i = 0; i < minFields; i++) {
      if (f[i].isBlank()) {
        throw BadLineException.expected("field " + (i + 1) + " of " + layout + " not empty", line);
      }
    }
    out.add(event(f));
  }

  abstract Interaction event(String[] fields);

  abstract boolean isHeader(String line);

  boolean fitsShape(String line) {
    return false;
  }

  private static String lower(String line) {
    return line.trim().toLowerCase(Locale.ROOT);
  }

  private static Interaction anonymousView(String session, String item, long time) {
    String id = session.trim();
    return new Interaction(id, item.trim(), InteractionType.VIEW, time, id);
  }

  /**
   * {@code user, item, rating, unix seconds}: the rating is checked, then dropped (any rating is a
   * view).
   */
  private static Interaction ratingAsView(String[] f) {
    if (!f[2].trim().matches("\\d+(\\.\\d+)?")) {
      throw BadLineException.expected("a numeric rating", f[2].trim());
    }
    return new Interaction(
        f[0].trim(), f[1].trim(), InteractionType.VIEW, EventTimes.parseSeconds(f[3]), null);
  }

  private static InteractionType type(String text) {
    return switch (lower(text)) {
      case "view" -> InteractionType.VIEW;
      case "cart" -> InteractionType.CART;
      case "purchase" -> InteractionType.PURCHASE;
      default -> throw BadLineException.expected("type view, cart or purchase", text.trim());
    };
  }

  private static InteractionType ottoType(String text) {
    return switch (text) {
      case "clicks" -> InteractionType.VIEW;
      case "carts" -> InteractionType.CART;
      case "orders" -> InteractionType.PURCHASE;
      default -> throw BadLineException.expected("OTTO type clicks, carts or orders", text);
    };
  }
}
