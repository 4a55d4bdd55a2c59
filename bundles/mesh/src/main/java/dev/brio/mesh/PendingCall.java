package dev.brio.mesh;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.mesh.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A call on its way: in a mailbox, running, or answered. */
final class PendingCall {
  final CallInfo info;
  final Payload args;
  final long deadlineNanos;

  /** The instances waiting further up this call's chain (empty for a call from outside). */
  final List<Endpoint> parentChain;

  final CompletableFuture<Payload> answer = new CompletableFuture<>();
  private volatile boolean cancelled;

  PendingCall(CallInfo info, Payload args, long deadlineNanos, List<Endpoint> parentChain) {
    this.info = info;
    this.args = args;
    this.deadlineNanos = deadlineNanos;
    this.parentChain = parentChain;
  }

  /** The context the handler runs in: this call, with {@code runner} added to the chain. */
  ActiveCall activeOn(Endpoint runner) {
    List<Endpoint> chain = new ArrayList<>(parentChain.size() + 1);
    chain.addAll(parentChain);
    chain.add(runner);
    return new ActiveCall(info, deadlineNanos, chain, this);
  }

  boolean cancelled() {
    return cancelled;
  }

  void markCancelled() {
    cancelled = true;
  }
}
