package io.reflex.gateway.ws;

import java.util.ArrayList;
import java.util.List;

/**
 * Events this gateway's clients published that ingestion has not answered yet, over all
 * connections. Each connection bounds its publishes ({@code maxInFlightPublishes}), but a publish
 * may carry up to {@code maxEventsPerPublish} events: with the gateway on an event loop of its own,
 * 100 clients publishing frames of 100 events parked over a million parsed events in front of
 * ingestion and exhausted the heap. Past {@code gateway.ws.maxEventsInFlight} a connection that
 * publishes stops reading its socket until the count is back to half. One per gateway verticle,
 * used on its event loop only.
 */
final class PublishBudget {

  private final int maxEvents;
  private int inFlight;
  private List<Runnable> waiting = new ArrayList<>();

  PublishBudget(int maxEvents) {
    this.maxEvents = maxEvents;
  }

  /** Counts a publish's events; true when the budget is spent and the publisher should pause. */
  boolean take(int events) {
    inFlight += events;
    return inFlight >= maxEvents;
  }

  /** Runs {@code resume} once the events in flight are back to half the budget. */
  void whenAvailable(Runnable resume) {
    waiting.add(resume);
  }

  /** A publish was answered. */
  void give(int events) {
    inFlight -= events;
    if (inFlight <= maxEvents / 2 && !waiting.isEmpty()) {
      List<Runnable> resumed = waiting;
      waiting = new ArrayList<>();
      resumed.forEach(Runnable::run);
    }
  }
}
