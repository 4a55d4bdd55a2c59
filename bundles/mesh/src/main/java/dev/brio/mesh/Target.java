package dev.brio.mesh;

import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.TargetSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A registered target: its instances (one endpoint each) and its latency record. */
final class Target {
  final TargetSpec spec;
  final List<Endpoint> endpoints;
  final LatencyStats stats = new LatencyStats();

  Target(TargetSpec spec, List<MeshTarget> instances) {
    if (instances.isEmpty()) {
      throw new IllegalArgumentException(spec.name() + ": a target needs at least one instance");
    }
    this.spec = spec;
    List<Endpoint> made = new ArrayList<>(instances.size());
    for (int i = 0; i < instances.size(); i++) {
      made.add(
          new Endpoint(
              spec.name(), i, instances.size() > 1, instances.get(i), spec.mailboxCapacity()));
    }
    this.endpoints = List.copyOf(made);
  }

  /**
   * Puts the call in the mailbox of the least loaded instance that is not already waiting further
   * up the call's chain. Fails at once with CYCLE when every instance is in the chain (waiting for
   * this very call to come back: it never could), and with BUSY when every mailbox is full.
   */
  Endpoint enqueue(PendingCall call) throws MeshException {
    // Loads change while we look: read each once, then sort the snapshot (a comparator that
    // re-read them could break the sort's contract under contention).
    List<Endpoint> free =
        endpoints.stream()
            .filter(e -> !call.parentChain.contains(e))
            .map(e -> Map.entry(e, e.load()))
            .sorted(Map.Entry.comparingByValue())
            .map(Map.Entry::getKey)
            .toList();
    if (free.isEmpty()) {
      throw new MeshException(
          MeshErrorKind.CYCLE,
          "%s → %s: every instance of %s is already waiting in this call chain"
              .formatted(
                  call.parentChain.stream()
                      .map(Endpoint::toString)
                      .collect(Collectors.joining(" → ")),
                  spec.name(),
                  spec.name()));
    }
    for (Endpoint endpoint : free) {
      if (endpoint.offer(call)) {
        return endpoint;
      }
    }
    throw new MeshException(
        MeshErrorKind.BUSY,
        "%s has %d instance(s) free of this chain and all %d mailbox slots of each are taken"
            .formatted(spec.name(), free.size(), spec.mailboxCapacity()));
  }

  /**
   * Closes every instance: all stop taking calls at once and share one grace period, so a pool
   * closes in the grace period, not in one grace period per instance.
   */
  void close(long graceMillis) throws InterruptedException {
    for (Endpoint endpoint : endpoints) {
      endpoint.stopTaking();
    }
    long graceDeadline = System.nanoTime() + graceMillis * 1_000_000;
    for (Endpoint endpoint : endpoints) {
      endpoint.awaitStopped(graceDeadline);
    }
  }
}
