package dev.brio.kernel;

import dev.brio.api.state.EventLog;
import dev.brio.api.state.SqlException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the kernel's start and clean stop in the event log. A {@code kernel.started} without a
 * matching {@code kernel.stopped} before the next start means the previous run was killed.
 */
@Component(immediate = true)
public final class KernelLifecycle {
  static final String SOURCE = "dev.brio.kernel";
  private static final Logger LOG = LoggerFactory.getLogger(KernelLifecycle.class);

  private final EventLog events;
  private final long startedAt = System.nanoTime();

  @Activate
  public KernelLifecycle(BundleContext context, @Reference EventLog events) throws SqlException {
    this.events = events;
    String detail =
        "{\"java\":\"%s\",\"bundles\":%d}"
            .formatted(Runtime.version(), context.getBundles().length);
    events.append("kernel.started", SOURCE, detail);
  }

  @Deactivate
  void stop() {
    long uptimeMs = (System.nanoTime() - startedAt) / 1_000_000;
    try {
      events.append("kernel.stopped", SOURCE, "{\"uptimeMs\":%d}".formatted(uptimeMs));
    } catch (SqlException e) {
      LOG.warn("cannot record kernel.stopped: {}", e.getMessage());
    }
  }
}
