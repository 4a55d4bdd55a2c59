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
  /** Rounds of load-checked placement before any free slot is taken. */
  private static final int PLACEMENT_ATTEMPTS = 4;

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
   * The fast path, on a target that allows it: an instance with nothing waiting or running, not
   * already waiting further up the call's chain, claimed for the caller to run the call on its own
   * thread; null when there is none (the call then goes through {@link #enqueue}).
   */
  Endpoint claimIdle(PendingCall call) {
    if (!spec.runOnCaller()) {
      return null;
    }
    for (Endpoint endpoint : endpoints) {
      if (!call.parentChain.contains(endpoint) && endpoint.claimIdle()) {
        return endpoint;
      }
    }
    return null;
  }

  /**
   * Puts the call in the mailbox of the least loaded instance that is not already waiting further
   * up the call's chain. Fails at once with CYCLE when every instance is in the chain (waiting for
   * this very call to come back: it never could), and with BUSY when every mailbox is full.
   */
  Endpoint enqueue(PendingCall call) throws MeshException {
    List<Endpoint> free = endpoints.stream().filter(e -> !call.parentChain.contains(e)).toList();
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
    // Loads change while we look: read each once, sort the snapshot (a comparator that re-read
    // them could break the sort's contract), then claim an instance only if its load is still
    // what we saw, so callers racing for the same idle instance spread over the idle ones.
    for (int attempt = 0; attempt < PLACEMENT_ATTEMPTS; attempt++) {
      List<Map.Entry<Endpoint, Integer>> byLoad =
          free.stream()
              .map(e -> Map.entry(e, e.load()))
              .sorted(Map.Entry.comparingByValue())
              .toList();
      for (Map.Entry<Endpoint, Integer> candidate : byLoad) {
        if (candidate.getKey().offerAt(call, candidate.getValue())) {
          return candidate.getKey();
        }
      }
    }
    // Under heavy contention the loads keep moving: any instance with a free slot will do.
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
