package io.reflex.router.sequence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * When the windows of quiet keys close. Event time is the newest event time the router has seen (any key); a window
 * is due once that passes its end plus the lateness allowance, or, on a quiet stream, once as much processing time has
 * passed as event time still had to go. One timer per (rule, key): the earliest.
 */
public final class WindowClock {

  /** A window end for a rule and key. */
  public record Due(String rule, String key, long deadline) {
  }

  private record Timer(String rule, String key, long deadline, long wallDeadline) {
  }

  private final long latenessMs;
  private final PriorityQueue<Timer> byWall = new PriorityQueue<>((a, b) -> Long.compare(a.wallDeadline, b.wallDeadline));
  private final PriorityQueue<Timer> byEventTime = new PriorityQueue<>((a, b) -> Long.compare(a.deadline, b.deadline));
  private final Map<String, Long> scheduled = new HashMap<>();
  private long eventTime = Long.MIN_VALUE;

  public WindowClock(long latenessMs) {
    this.latenessMs = latenessMs;
  }

  public void observe(long time) {
    eventTime = Math.max(eventTime, time);
  }

  public long eventTime() {
    return eventTime;
  }

  /** Asks for a look at (rule, key) when event time passes {@code deadline}; keeps the earlier of two requests. */
  public void schedule(String rule, String key, long deadline, long wallNow) {
    if (deadline == Long.MAX_VALUE) {
      return;
    }
    String id = rule + '\u0000' + key;
    Long existing = scheduled.get(id);
    if (existing != null && existing <= deadline) {
      return;
    }
    scheduled.put(id, deadline);
    long ahead = eventTime == Long.MIN_VALUE ? 0 : Math.max(0, deadline - eventTime);
    Timer timer = new Timer(rule, key, deadline, wallNow + ahead + latenessMs);
    byWall.add(timer);
    byEventTime.add(timer);
  }

  /** The windows due now, each once. */
  public List<Due> due(long wallNow) {
    List<Due> due = new ArrayList<>();
    while (!byEventTime.isEmpty() && byEventTime.peek().deadline + latenessMs < eventTime) {
      take(byEventTime.poll(), due);
    }
    while (!byWall.isEmpty() && byWall.peek().wallDeadline <= wallNow) {
      take(byWall.poll(), due);
    }
    return due;
  }

  public int size() {
    return scheduled.size();
  }

  private void take(Timer timer, List<Due> due) {
    String id = timer.rule + '\u0000' + timer.key;
    Long current = scheduled.get(id);
    if (current != null && current == timer.deadline) {
      scheduled.remove(id);
      due.add(new Due(timer.rule, timer.key, timer.deadline));
    }
  }
}
