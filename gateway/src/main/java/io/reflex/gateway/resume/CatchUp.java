package io.reflex.gateway.resume;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.DuplicateFilter;
import io.reflex.common.event.EventError;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.outputlog.OutputTopic;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One subscription reading the output log from where its client asked, until it reaches the live
 * tail: then it hands over to the live pushes, which skip what it already sent, so nothing is
 * missed or pushed twice at the seam. Bounded per subscription: one read of at most {@link
 * ResumeSettings#chunk()} records at a time, at most {@link ResumeSettings#eventsPerSecond()}
 * records a second, and no read while the client's socket is full. Outputs written twice (a router
 * that crashed after writing them) are recognised by id; the ids of the records just before the
 * start are read first for that.
 */
public final class CatchUp {

  private static final Duration POLL = Duration.ofMillis(200);

  /** The subscription's side of the connection, on the gateway's event loop. */
  public interface Subscriber {
    boolean closed();

    boolean writable();

    /** Runs once the socket has room again. */
    void whenWritable(Runnable action);

    /**
     * Writes even past the socket's soft limit: a catch-up never drops, it stops reading instead.
     */
    void push(CloudEvent output, Cursor cursor);
  }

  /**
   * Why a resume was refused, with the code to answer (and, for an expired cursor, the earliest
   * time available).
   */
  public static final class Refused extends RuntimeException {
    private final EventError error;
    private final String earliest;

    public Refused(String code, String message, String earliest) {
      super(message, null, false, false);
      this.error = new EventError(code, message);
      this.earliest = earliest;
    }

    public EventError error() {
      return error;
    }

    /**
     * For {@code cursor_expired}: the time of the oldest output the log still holds; null
     * otherwise.
     */
    public String earliest() {
      return earliest;
    }
  }

  private final Vertx vertx;
  private final OutputLogReader reader;
  private final ResumeSettings settings;
  private final Predicate<CloudEvent> matches;
  private final Subscriber subscriber;
  private final LongSupplier livePosition;
  private final LongConsumer caughtUp;
  private final DuplicateFilter seen;
  private long start;
  private long next;
  private boolean cancelled;

  /**
   * @param livePosition the offset of the next output the live tail will push (-1 before it
   *     started)
   * @param caughtUp called with the offset of the last output this catch-up handled, when live
   *     pushes take over
   */
  public CatchUp(
      Vertx vertx,
      OutputLogReader reader,
      ResumeSettings settings,
      Predicate<CloudEvent> matches,
      Subscriber subscriber,
      LongSupplier livePosition,
      LongConsumer caughtUp) {
    this.vertx = vertx;
    this.reader = reader;
    this.settings = settings;
    this.matches = matches;
    this.subscriber = subscriber;
    this.livePosition = livePosition;
    this.caughtUp = caughtUp;
    this.seen =
        new DuplicateFilter(Long.MAX_VALUE / 2, settings.dedupLookback() + 2 * settings.chunk());
  }

  /**
   * Finds where to start; fails with {@link Refused} when the log cannot serve {@code from}. Once
   * this succeeded, {@link #run()} sends the outputs. Succeeds with a {@code from} that would
   * resume at the same start.
   */
  public Future<String> locate(ResumeFrom from) {
    return reader
        .bounds()
        .recover(
            e ->
                Future.failedFuture(
                    new Refused(
                        EventError.UNAVAILABLE,
                        "the output log cannot be read now ("
                            + e.getMessage()
                            + "); subscribe again later",
                        null)))
        .compose(
            bounds ->
                startOf(from, bounds)
                    .compose(
                        offset -> {
                          start = offset;
                          next = Math.max(bounds.begin(), offset - settings.dedupLookback());
                          return reader
                              .seek(next)
                              .map(
                                  v ->
                                      offset == 0
                                          ? "earliest"
                                          : new Cursor(OutputTopic.PARTITION, offset - 1).encode());
                        }));
  }

  private Future<Long> startOf(ResumeFrom from, OutputLogReader.Bounds bounds) {
    String earliest =
        bounds.earliest() == null ? "none yet (the log is empty)" : bounds.earliest().toString();
    if (from instanceof ResumeFrom.Earliest) {
      return Future.succeededFuture(bounds.begin());
    }
    if (from instanceof ResumeFrom.Since since) {
      if (bounds.begin() > 0
          && bounds.earliest() != null
          && since.time().isBefore(bounds.earliest())) {
        return Future.failedFuture(
            expired(
                "the output log no longer holds outputs from "
                    + since.time()
                    + "; the earliest it holds is from "
                    + earliest,
                earliest));
      }
      return reader.offsetAt(since.time());
    }
    Cursor cursor = ((ResumeFrom.After) from).cursor();
    if (cursor.partition() != OutputTopic.PARTITION || cursor.offset() >= bounds.end()) {
      return Future.failedFuture(
          new Refused(
              EventError.INVALID_PARAMETER,
              "cursor "
                  + cursor.encode()
                  + " is not a place in this gateway's output log (it ends at "
                  + bounds.end()
                  + ")",
              null));
    }
    if (cursor.offset() + 1 < bounds.begin()) {
      return Future.failedFuture(
          expired(
              "cursor "
                  + cursor.encode()
                  + " is older than the output log's retention; "
                  + "the earliest output it holds is from "
                  + earliest
                  + " (resume with \"earliest\" to get it)",
              earliest));
    }
    return Future.succeededFuture(cursor.offset() + 1);
  }

  private static Refused expired(String message, String earliest) {
    return new Refused(EventError.CURSOR_EXPIRED, message, earliest);
  }

  /** Sends the outputs from the start found, then hands over to the live pushes. */
  public void run() {
    if (cancelled || subscriber.closed()) {
      cancel();
      return;
    }
    long live = livePosition.getAsLong();
    if (live >= 0 && next >= live && next >= start) {
      reader.close();
      caughtUp.accept(next - 1);
      return;
    }
    if (!subscriber.writable()) {
      subscriber.whenWritable(this::run);
      return;
    }
    long began = System.nanoTime();
    reader
        .poll(POLL)
        .onComplete(
            read -> {
              if (read.failed()) {
                vertx.setTimer(1000, t -> run());
                return;
              }
              handle(read.result());
              long owedMs =
                  read.result().records().size() * 1000L / settings.eventsPerSecond()
                      - (System.nanoTime() - began) / 1_000_000;
              if (owedMs > 0) {
                vertx.setTimer(owedMs, t -> run());
              } else {
                run();
              }
            });
  }

  public void cancel() {
    cancelled = true;
    reader.close();
  }

  private void handle(OutputLogReader.Batch batch) {
    if (cancelled) {
      return;
    }
    for (ConsumerRecord<String, byte[]> record : batch.records()) {
      CloudEvent output;
      try {
        output = CloudEventRecords.event(record);
      } catch (RuntimeException e) {
        continue; // the live tail logs it
      }
      boolean repeat = seen.isDuplicate(output.identity(), 0);
      if (record.offset() >= start && !repeat && matches.test(output)) {
        subscriber.push(output, new Cursor(OutputTopic.PARTITION, record.offset()));
      }
    }
    next = Math.max(next, batch.next());
  }
}
