package dev.brio.mesh;

import dev.brio.api.mesh.MeshRegistry.Registration;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.TargetSpec;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Java {@link MeshTarget} services on the {@link Switchboard} (the whiteboard). Target names
 * are first come, first served between Java services and Wasm components: a service whose name is
 * taken waits, in arrival order, and registers as soon as the holder leaves the mesh, the way a
 * refused Wasm component redeploys once its name is free. Nothing is lost to a race at start-up or
 * during a hot swap.
 */
final class JavaTargets {
  private static final Logger LOG = LoggerFactory.getLogger(JavaTargets.class);

  /** A service and the pool it asks for. */
  record Offer(TargetSpec spec, int concurrency) {}

  private final Switchboard switchboard;
  private final Map<MeshTarget, Registration> registered = new IdentityHashMap<>();
  private final Map<MeshTarget, Offer> waiting = new LinkedHashMap<>(); // arrival order

  JavaTargets(Switchboard switchboard) {
    this.switchboard = switchboard;
    switchboard.whenNameFreed(this::nameFreed);
  }

  /** Registers {@code target}, or queues it while its name is taken. */
  synchronized void add(MeshTarget target, Offer offer) {
    if (!tryRegister(target, offer)) {
      waiting.put(target, offer);
      LOG.warn(
          "mesh target {} waits: the name is taken; it registers when the holder leaves",
          offer.spec().name());
    }
  }

  /** Removes {@code target} from the mesh, or from the queue. */
  void remove(MeshTarget target) {
    Registration registration;
    synchronized (this) {
      waiting.remove(target);
      registration = registered.remove(target);
    }
    if (registration != null) {
      registration.close(); // waits out the grace period: never under this lock
    }
  }

  /** Names of the services waiting for their name, in arrival order. */
  synchronized List<String> waiting() {
    return waiting.values().stream().map(offer -> offer.spec().name()).toList();
  }

  synchronized void clear() {
    registered.clear();
    waiting.clear();
  }

  private synchronized void nameFreed(String name) {
    for (Iterator<Map.Entry<MeshTarget, Offer>> it = waiting.entrySet().iterator();
        it.hasNext(); ) {
      var next = it.next();
      if (next.getValue().spec().name().equals(name)) {
        if (tryRegister(next.getKey(), next.getValue())) {
          it.remove();
        }
        return; // the first in line got it, or someone else did
      }
    }
  }

  private boolean tryRegister(MeshTarget target, Offer offer) {
    String name = offer.spec().name();
    try {
      registered.put(
          target,
          switchboard.register(
              offer.spec(), Collections.nCopies(Math.max(1, offer.concurrency()), target)));
      LOG.info("mesh target {} registered ({} at once)", name, offer.concurrency());
      return true;
    } catch (Switchboard.NameTakenException e) {
      return false;
    } catch (RuntimeException e) {
      LOG.error("cannot register mesh target {}: {}", name, e.getMessage());
      return true; // not a question of the name: waiting would not help
    }
  }
}
