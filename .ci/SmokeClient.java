import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The container stage's client (.ci/containers.sh), run as a single source file: {@code java .ci/SmokeClient.java
 * <gateway port>}. Streams a steady temperature series through the gateway WebSocket, then one spike, and exits 0 once
 * both outputs the spike must cause arrive: the anomaly (gateway -> ingestion -> router -> anomaly -> gateway) and the
 * overheating event derived by the bundled rules. Uses only the JDK, so CI needs nothing beyond Java.
 */
public class SmokeClient {

  private static final long TIMEOUT_SECONDS = 60;

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    String series = "temperature/smoke-" + System.currentTimeMillis();
    LinkedBlockingQueue<String> frames = new LinkedBlockingQueue<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), new Collector(frames))
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

    socket.sendText(subscribe("anomalies", "reflex.anomaly.detected", series), true).join();
    socket.sendText(subscribe("hot", "iot.overheating", series), true).join();
    await(frames, "\"op\":\"subscribed\"", 2);

    Random random = new Random(1);
    Instant start = Instant.parse("2026-03-01T00:00:00Z");
    for (int batch = 0; batch < 4; batch++) {
      List<String> events = new ArrayList<>();
      for (int i = batch * 100; i < (batch + 1) * 100; i++) {
        events.add(metric(series + "-" + i, series, 40 + random.nextGaussian() * 0.5, start.plusSeconds(60L * i)));
      }
      socket.sendText(publish("m" + batch, events), true).join();
      String ack = await(frames, "\"op\":\"ack\"", 1);
      if (ack.contains("\"rejected\"")) {
        throw new IllegalStateException("events rejected: " + ack);
      }
    }
    socket.sendText(publish("spike", List.of(metric(series + "-spike", series, 99, start.plusSeconds(60L * 400)))), true).join();
    String anomaly = await(frames, "\"sub\":\"anomalies\"", 1);
    String derived = await(frames, "\"sub\":\"hot\"", 1);
    System.out.println("anomaly: " + anomaly);
    System.out.println("derived: " + derived);
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
  }

  /** Frames that arrived while another one was awaited (a push may overtake an ack, or the other push). */
  private static final List<String> unclaimed = new ArrayList<>();

  /** Claims {@code count} frames containing {@code marker}, earlier arrivals first; returns the last of them. */
  private static String await(LinkedBlockingQueue<String> frames, String marker, int count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    String last = null;
    int seen = 0;
    for (Iterator<String> earlier = unclaimed.iterator(); earlier.hasNext() && seen < count; ) {
      String frame = earlier.next();
      if (frame.contains(marker)) {
        earlier.remove();
        seen++;
        last = frame;
      }
    }
    while (seen < count) {
      String frame = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (frame == null) {
        throw new IllegalStateException("no frame with " + marker + " within " + TIMEOUT_SECONDS + " s; other frames: " + unclaimed);
      }
      if (frame.contains(marker)) {
        seen++;
        last = frame;
      } else if (frame.contains("\"op\":\"error\"")) {
        throw new IllegalStateException("gateway error: " + frame);
      } else {
        unclaimed.add(frame);
      }
    }
    return last;
  }

  private static String subscribe(String sub, String type, String series) {
    return "{\"op\":\"subscribe\",\"ref\":\"" + sub + "\",\"sub\":\"" + sub + "\",\"pattern\":{\"type\":[\"" + type
        + "\"],\"subject\":[\"" + series + "\"]}}";
  }

  private static String publish(String ref, List<String> events) {
    return "{\"op\":\"publish\",\"ref\":\"" + ref + "\",\"events\":[" + String.join(",", events) + "]}";
  }

  private static String metric(String id, String series, double value, Instant time) {
    return String.format(Locale.ROOT, "{\"specversion\":\"1.0\",\"id\":\"%s\",\"source\":\"smoke://ci\","
        + "\"type\":\"reflex.metric\",\"subject\":\"%s\",\"time\":\"%s\",\"data\":{\"value\":%.4f}}", id, series, time, value);
  }

  /** Queues whole text frames (the JDK hands over a large frame in parts). */
  private record Collector(LinkedBlockingQueue<String> frames, StringBuilder partial) implements WebSocket.Listener {
    Collector(LinkedBlockingQueue<String> frames) {
      this(frames, new StringBuilder());
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        frames.add(partial.toString());
        partial.setLength(0);
      }
      socket.request(1);
      return null;
    }
  }
}
