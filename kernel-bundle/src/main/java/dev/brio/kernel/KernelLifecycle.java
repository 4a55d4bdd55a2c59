package dev.brio.kernel;

import dev.brio.api.state.EventLog;
import dev.brio.api.state.SqlException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the kernel's start and clean stop in the event log: one {@code kernel.started} per run,
 * when the log first becomes available, and one {@code kernel.stopped} when the kernel bundle stops
 * (before the store, which starts earlier). A {@code kernel.started} without a matching {@code
 * kernel.stopped} before the next start means the previous run was killed.
 */
@Component(immediate = true)
public final class KernelLifecycle {
  static final String SOURCE = "dev.brio.kernel";
  private static final Logger LOG = LoggerFactory.getLogger(KernelLifecycle.class);

  private final int bundles;
  private final long startedAt = System.nanoTime();
  private volatile EventLog events;
  private boolean startRecorded; // guarded by this

  @Activate
  public KernelLifecycle(BundleContext context) {
    this.bundles = context.getBundles().length;
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  synchronized void setEvents(EventLog log) {
    this.events = log;
    if (!startRecorded) {
      startRecorded =
          append(
              log,
              "kernel.started",
              "{\"java\":\"%s\",\"bundles\":%d}".formatted(Runtime.version(), bundles));
    }
  }

  synchronized void unsetEvents(EventLog log) {
    if (events == log) {
      events = null;
    }
  }

  @Deactivate
  void stop() {
    EventLog log = events;
    if (log != null) {
      long uptimeMs = (System.nanoTime() - startedAt) / 1_000_000;
      append(log, "kernel.stopped", "{\"uptimeMs\":%d}".formatted(uptimeMs));
    }
  }

  private static boolean append(EventLog log, String kind, String detail) {
    try {
      log.append(kind, SOURCE, detail);
      return true;
    } catch (SqlException e) {
      LOG.warn("cannot record {}: {}", kind, e.getMessage());
      return false;
    }
  }
}
