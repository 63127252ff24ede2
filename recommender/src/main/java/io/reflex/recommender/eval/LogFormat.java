package io.reflex.recommender.eval;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.InteractionType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The interaction log formats the evaluator reads, in file order (the evaluator sorts by time). */
public enum LogFormat {
    /** {@code user,item,type,timestamp[,session]}; type view|cart|purchase; optional header line. */
    CSV {
        @Override
        void parse(String line, List<Interaction> out) {
            String[] f = fields(line, 4, 5);
            String session = f.length > 4 && !f[4].isBlank() ? f[4].trim() : null;
            out.add(new Interaction(f[0].trim(), f[1].trim(), type(f[2]), EventTimes.parseMillis(f[3]), session));
        }

        @Override
        boolean isHeader(String line) {
            return line.toLowerCase(Locale.ROOT).startsWith("user,");
        }
    },
    /** {@code session,item,timestamp}: anonymous click sessions; every event is a view and the session is the user. */
    SESSIONS {
        @Override
        void parse(String line, List<Interaction> out) {
            String[] f = fields(line, 3, 3);
            String session = f[0].trim();
            out.add(new Interaction(session, f[1].trim(), InteractionType.VIEW, EventTimes.parseMillis(f[2]),
                    session));
        }

        @Override
        boolean isHeader(String line) {
            return line.toLowerCase(Locale.ROOT).startsWith("session,");
        }
    },
    /** OTTO JSON Lines: one session per line; clicks/carts/orders map to view/cart/purchase; session = user. */
    OTTO {
        private final ObjectMapper json = new ObjectMapper();

        @Override
        void parse(String line, List<Interaction> out) throws IOException {
            JsonNode session = json.readTree(line);
            String id = session.get("session").asText();
            for (JsonNode event : session.get("events")) {
                out.add(new Interaction(id, event.get("aid").asText(), ottoType(event.get("type").asText()),
                        event.get("ts").asLong(), id));
            }
        }

        @Override
        boolean isHeader(String line) {
            return false;
        }
    };

    abstract void parse(String line, List<Interaction> out) throws IOException;

    abstract boolean isHeader(String line);

    public List<Interaction> read(Path file) {
        List<Interaction> events = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank() || (number == 1 && isHeader(line))) {
                    continue;
                }
                try {
                    parse(line, events);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return events;
    }

    private static String[] fields(String line, int min, int max) {
        String[] f = line.split(",", -1);
        if (f.length < min || f.length > max) {
            throw new IllegalArgumentException("expected " + min + (min == max ? "" : "-" + max) + " fields");
        }
        return f;
    }

    private static InteractionType type(String text) {
        return InteractionType.valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    private static InteractionType ottoType(String text) {
        return switch (text) {
            case "clicks" -> InteractionType.VIEW;
            case "carts" -> InteractionType.CART;
            case "orders" -> InteractionType.PURCHASE;
            default -> throw new IllegalArgumentException("unknown OTTO event type " + text);
        };
    }
}
