package dev.brio.mesh;

import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;

/**
 * One instance of a target: a bounded mailbox drained by one virtual thread, so the instance is
 * never entered by two threads at once. The bound is a semaphore beside an unbounded queue, so that
 * closing can always enqueue its stop marker.
 */
final class Endpoint {
  private static final PendingCall STOP = new PendingCall(null, null, 0, List.of());

  final String target;
  final int index;
  private final boolean pooled;
  private final MeshTarget handler;
  private final LinkedBlockingQueue<PendingCall> mailbox = new LinkedBlockingQueue<>();
  private final Semaphore slots;
  private final Object runningLock = new Object();
  private final Thread drainer;
  private PendingCall running; // guarded by runningLock
  private volatile boolean closed;

  Endpoint(String target, int index, boolean pooled, MeshTarget handler, int capacity) {
    this.target = target;
    this.index = index;
    this.pooled = pooled;
    this.handler = handler;
    this.slots = new Semaphore(capacity);
    this.drainer = Thread.ofVirtual().name("mesh " + this).start(this::drain);
  }

  /** Takes the call unless the mailbox is full or the endpoint closed. */
  boolean offer(PendingCall call) {
    if (closed || !slots.tryAcquire()) {
      return false;
    }
    mailbox.add(call);
    if (closed && mailbox.remove(call)) {
      // lost a race with close(): nobody will run it, so answer it here
      call.answer.completeExceptionally(gone(call));
    }
    return true;
  }

  /** Calls waiting plus the one running: how the pool picks the least loaded instance. */
  int load() {
    synchronized (runningLock) {
      return mailbox.size() + (running == null ? 0 : 1);
    }
  }

  /** Gives up on a call: dropped if still waiting, interrupted if running. */
  void cancel(PendingCall call) {
    synchronized (runningLock) {
      call.markCancelled();
      if (running == call) {
        drainer.interrupt();
      }
    }
  }

  private void drain() {
    while (true) {
      PendingCall call;
      try {
        call = mailbox.take();
      } catch (InterruptedException stray) {
        continue; // an interrupt meant for a call that had already finished
      }
      if (call == STOP) {
        return;
      }
      slots.release();
      synchronized (runningLock) {
        if (call.cancelled()) {
          continue;
        }
        running = call;
      }
      try {
        Payload answer =
            ScopedValue.where(ActiveCall.CURRENT, call.activeOn(this))
                .call(() -> handler.handle(call.info, call.args));
        call.answer.complete(answer);
      } catch (MeshException e) {
        call.answer.completeExceptionally(e);
      } catch (Exception | Error e) {
        call.answer.completeExceptionally(
            new MeshException(
                MeshErrorKind.TARGET_ERROR,
                "%s.%s failed: %s".formatted(target, call.info.method(), e),
                e));
      } finally {
        synchronized (runningLock) {
          running = null;
          Thread.interrupted(); // a cancel that came too late must not hit the next call
        }
      }
    }
  }

  /**
   * Stops taking calls, fails those still waiting with TARGET_GONE, lets the running one finish for
   * {@code graceMillis}, then interrupts it, and returns when the thread has ended.
   */
  void close(long graceMillis) throws InterruptedException {
    closed = true;
    List<PendingCall> waiting = new ArrayList<>();
    mailbox.drainTo(waiting);
    for (PendingCall call : waiting) {
      call.answer.completeExceptionally(gone(call));
    }
    mailbox.add(STOP);
    if (!drainer.join(Duration.ofMillis(graceMillis))) {
      drainer.interrupt();
      drainer.join();
    }
  }

  private MeshException gone(PendingCall call) {
    return new MeshException(
        MeshErrorKind.TARGET_GONE,
        "%s was removed before %s ran".formatted(target, call.info.method()));
  }

  @Override
  public String toString() {
    return pooled ? target + "#" + index : target;
  }
}
