package io.reflex.bench;

import com.sun.tools.attach.VirtualMachine;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Heap bytes a server JVM has allocated, read over its local management agent (the JDK's attach API
 * starts it): the sum of {@code ThreadMXBean#getThreadAllocatedBytes} over its live threads.
 * Allocation per event is what sets the rate of young collections, whose pauses set the tail
 * latency, and unlike time it does not depend on what else the machine runs. Threads that ended
 * between two readings are missed, which only ever under-counts start-up work.
 */
final class ProcessAllocation implements AutoCloseable {

  private final Map<Long, JMXConnector> connectors = new HashMap<>();

  /**
   * Bytes allocated so far by the live threads of {@code pid}, or -1 when its agent cannot be
   * reached.
   */
  long allocatedBytes(long pid) {
    try {
      MBeanServerConnection server = connector(pid).getMBeanServerConnection();
      com.sun.management.ThreadMXBean threads =
          ManagementFactory.newPlatformMXBeanProxy(
              server, ManagementFactory.THREAD_MXBEAN_NAME, com.sun.management.ThreadMXBean.class);
      long total = 0;
      for (long allocated : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
        total += Math.max(0, allocated);
      }
      return total;
    } catch (Exception e) {
      return -1;
    }
  }

  private JMXConnector connector(long pid) throws Exception {
    JMXConnector connector = connectors.get(pid);
    if (connector == null) {
      VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
      try {
        connector = JMXConnectorFactory.connect(new JMXServiceURL(vm.startLocalManagementAgent()));
      } finally {
        vm.detach();
      }
      connectors.put(pid, connector);
    }
    return connector;
  }

  @Override
  public void close() {
    for (JMXConnector connector : connectors.values()) {
      try {
        connector.close();
      } catch (Exception ignored) {
        // the server is stopping anyway
      }
    }
    connectors.clear();
  }
}
