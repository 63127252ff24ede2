package io.reflex.gateway.limits;

import java.util.HashMap;
import java.util.Map;

/**
 * Counts open WebSockets per client address so one host cannot exhaust the gateway's connections.
 */
public final class AddressCaps {

  private final int maxPerAddress;
  private final Map<String, Integer> open = new HashMap<>();

  public AddressCaps(int maxPerAddress) {
    this.maxPerAddress = maxPerAddress;
  }

  /** Reserves a connection slot; false when the address already holds its maximum. */
  public boolean tryOpen(String address) {
    int count = open.getOrDefault(address, 0);
    if (count >= maxPerAddress) {
      return false;
    }
    open.put(address, count + 1);
    return true;
  }

  public void closed(String address) {
    open.computeIfPresent(address, (a, count) -> count <= 1 ? null : count - 1);
  }
}
