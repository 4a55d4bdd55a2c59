package dev.brio.mesh;

import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.Payload;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One instance of a target. Its running slot admits one call at a time, so the instance is never
 * entered by two threads at once. Calls that find it busy wait in a bounded mailbox drained by the
 * instance's own virtual thread; a call that finds it idle with an empty mailbox runs at once on
 * the caller's thread, which would only block waiting for the answer anyway — that saves the two
 * thread hand-offs that dominate a mesh hop. The bound is a semaphore beside an unbounded queue, so
 * that closing can always enqueue its stop marker.
 */
final class Endpoint {
  private static final PendingCall STOP = new PendingCall(null, null, 0, List.of());

  final String target;
  final int index;
  private final boolean pooled;
  private final MeshTarget handler;
  private final LinkedBlockingQueue<PendingCall> mailbox = new LinkedBlockingQueue<>();
  private final Semaphore slots;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Thread drainer;
  private PendingCall running; // guarded by lock
  private Thread runner; // guarded by lock: the thread running `running`
  private volatile boolean closed;

  Endpoint(String target, int index, boolean pooled, MeshTarget handler, int capacity) {
    this.target = target;
    this.index = index;
    this.pooled = pooled;
    this.handler = handler;
    this.slots = new Semaphore(capacity);
    this.drainer = Thread.ofVirtual().name("mesh " + this).start(this::drain);
  }

  /**
   * Runs the call on this thread if the instance is idle and nothing waits before it; returns
   * false, having done nothing, otherwise. The call's deadline is kept by an alarm on {@code
   * alarms} that interrupts this thread.
   */
  boolean runHere(PendingCall call, ScheduledExecutorService alarms) {
    lock.lock();
    try {
      if (closed || running != null || !mailbox.isEmpty()) {
        return false;
      }
      occupy(call);
    } finally {
      lock.unlock();
    }
    ScheduledFuture<?> alarm =
        alarms.schedule(
            () -> cancel(call), call.deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    try {
      execute(call);
    } finally {
      vacate();
      alarm.cancel(false);
    }
    if (call.cancelled()) {
      Thread.interrupted(); // the alarm's interrupt, not the caller's
      call.answer.obtrudeException(
          new MeshException(
              MeshErrorKind.DEADLINE,
              "%s.%s did not answer by its deadline %s"
                  .formatted(target, call.info.method(), call.info.deadline())));
    } else if (Thread.currentThread().isInterrupted()) {
      call.answer.obtrudeException(
          new MeshException(
              MeshErrorKind.CANCELLED,
              "%s gave up on %s.%s".formatted(call.info.caller(), target, call.info.method())));
    }
    return true;
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
    lock.lock();
    try {
      return mailbox.size() + (running == null ? 0 : 1);
    } finally {
      lock.unlock();
    }
  }

  /** Gives up on a call: dropped if still waiting, interrupted if running. */
  void cancel(PendingCall call) {
    lock.lock();
    try {
      call.markCancelled();
      if (running == call) {
        runner.interrupt();
      }
    } finally {
      lock.unlock();
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
      lock.lock();
      try {
        while (running != null) {
          idle.awaitUninterruptibly(); // a call running on its caller's thread
        }
        if (call.cancelled()) {
          continue;
        }
        occupy(call);
      } finally {
        lock.unlock();
      }
      try {
        execute(call);
      } finally {
        vacate();
        Thread.interrupted(); // a cancel that came too late must not hit the next call
      }
    }
  }

  private void occupy(PendingCall call) {
    running = call;
    runner = Thread.currentThread();
  }

  /** Frees the running slot; after this, no cancel can interrupt the thread for that call. */
  private void vacate() {
    lock.lock();
    try {
      running = null;
      runner = null;
      idle.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void execute(PendingCall call) {
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
    }
  }

  /**
   * Stops taking calls, fails those still waiting with TARGET_GONE, lets the running one finish for
   * {@code graceMillis}, then interrupts it, and returns when the instance is idle and its thread
   * has ended.
   */
  void close(long graceMillis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
    closed = true;
    List<PendingCall> waiting = new ArrayList<>();
    mailbox.drainTo(waiting);
    for (PendingCall call : waiting) {
      call.answer.completeExceptionally(gone(call));
    }
    mailbox.add(STOP);
    lock.lock();
    try {
      while (running != null) {
        long left = deadline - System.nanoTime();
        if (left <= 0 || !idle.await(left, TimeUnit.NANOSECONDS)) {
          if (running != null) {
            runner.interrupt();
          }
          while (running != null) {
            idle.awaitUninterruptibly();
          }
        }
      }
    } finally {
      lock.unlock();
    }
    drainer.join();
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
