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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One instance of a target: a bounded mailbox drained by one virtual thread, so the instance is
 * never entered by two threads at once. The bound is a semaphore beside an unbounded queue, so that
 * closing can always enqueue its stop marker. On a target that allows it, a caller that finds the
 * instance idle runs its call on its own thread instead ({@link #claimIdle}); the {@code entry}
 * permit keeps that and the drainer from ever running at once.
 */
final class Endpoint {
  private static final PendingCall STOP = new PendingCall(null, null, 0, List.of());

  final String target;
  final int index;
  private final boolean pooled;
  private final MeshTarget handler;
  private final LinkedBlockingQueue<PendingCall> mailbox = new LinkedBlockingQueue<>();
  private final Semaphore slots;
  // Held by whoever runs the handler: the drainer or a caller on the fast path.
  private final Semaphore entry = new Semaphore(1);
  private Thread callerRunning; // the fast-path caller inside the handler; guarded by runningLock
  private boolean stoppedCaller; // awaitStopped interrupted it; guarded by runningLock
  private final Object runningLock = new Object();
  private final Thread drainer;
  private PendingCall running; // guarded by runningLock
  // Accepted and not yet answered: counted from offer to answer, so a call the drainer has taken
  // but not yet marked running still counts (the pool must not see this instance as idle).
  private final AtomicInteger unanswered = new AtomicInteger();
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
    unanswered.incrementAndGet();
    enqueue(call);
    return true;
  }

  /**
   * Takes the call only if this instance still has exactly {@code load} calls unanswered (and a
   * free slot): how a pool places calls without two callers that both saw this instance idle
   * putting their calls in its mailbox while another instance stays idle.
   */
  boolean offerAt(PendingCall call, int load) {
    if (closed || !unanswered.compareAndSet(load, load + 1)) {
      return false;
    }
    if (!slots.tryAcquire()) {
      unanswered.decrementAndGet();
      return false;
    }
    enqueue(call);
    return true;
  }

  private void enqueue(PendingCall call) {
    mailbox.add(call);
    if (closed && mailbox.remove(call)) {
      // lost a race with close(): nobody will run it, so answer it here
      unanswered.decrementAndGet();
      call.answer.completeExceptionally(gone(call));
    }
  }

  /** Calls accepted and not yet answered: how the pool picks the least loaded instance. */
  int load() {
    return unanswered.get();
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
          unanswered.decrementAndGet();
          continue;
        }
        running = call;
      }
      // a fast-path caller may still be inside (it claimed the instance before this call came)
      entry.acquireUninterruptibly();
      try {
        if (call.cancelled()) {
          continue; // given up on while that caller was inside; nobody waits for the answer
        }
        if (closed) {
          call.answer.completeExceptionally(gone(call)); // removed while it waited to enter
          continue;
        }
        call.answer.complete(run(call));
      } catch (MeshException e) {
        call.answer.completeExceptionally(e);
      } finally {
        synchronized (runningLock) {
          running = null;
          Thread.interrupted(); // a cancel that came too late must not hit the next call
        }
        entry.release(); // before the load drops, so that a caller seeing it idle can enter
        unanswered.decrementAndGet();
      }
    }
  }

  /** Runs the handler on the current thread with the call bound as the thread's active call. */
  private Payload run(PendingCall call) throws MeshException {
    try {
      return ScopedValue.where(ActiveCall.CURRENT, call.activeOn(this))
          .call(() -> handler.handle(call.info, call.args));
    } catch (MeshException e) {
      throw e;
    } catch (Exception | Error e) {
      throw new MeshException(
          MeshErrorKind.TARGET_ERROR,
          "%s.%s failed: %s".formatted(target, call.info.method(), e),
          e);
    }
  }

  /**
   * The fast path: claims the instance for a call the caller will {@link #runClaimed run on its own
   * thread}, if it has no call waiting or running now.
   */
  boolean claimIdle() {
    if (closed || !unanswered.compareAndSet(0, 1)) {
      return false;
    }
    if (!entry.tryAcquire()) {
      unanswered.decrementAndGet();
      return false;
    }
    synchronized (runningLock) {
      if (closed) {
        release();
        return false;
      }
      // from the claim on, so that removal can stop this caller even before its call starts
      callerRunning = Thread.currentThread();
    }
    return true;
  }

  /**
   * Runs a call this thread has {@link #claimIdle claimed} the instance for, with its deadline
   * enforced by {@code watchdog}, and releases the instance.
   */
  Payload runClaimed(PendingCall call, Watchdog watchdog) throws MeshException {
    Watchdog.Guard guard = null;
    Payload answer = null;
    MeshException failure = null;
    boolean late = false;
    try {
      guard = watchdog.arm(call.deadlineNanos);
      answer = run(call);
    } catch (MeshException e) {
      failure = e;
    } catch (RuntimeException e) { // the watchdog refused (the mesh is closing)
      failure = new MeshException(MeshErrorKind.TARGET_GONE, target + " is closing: " + e, e);
    } finally {
      late = guard != null && guard.disarm();
      boolean stopped;
      synchronized (runningLock) {
        callerRunning = null;
        stopped = stoppedCaller;
        stoppedCaller = false;
      }
      if (stopped) {
        Thread.interrupted(); // meant for the call, not for what this thread does next
      }
      keepOuterInterrupt();
      release();
    }
    if (late) {
      throw deadlinePassed(call);
    }
    if (failure != null) {
      throw failure;
    }
    return answer;
  }

  /**
   * The interrupt just cleared may also have been the one meant for the call this thread runs in (a
   * nested call's deadline is capped at its parent's, so both fire at once; or the parent was
   * cancelled meanwhile): then it is set again, or that call would run on unstopped.
   */
  private static void keepOuterInterrupt() {
    ActiveCall outer = ActiveCall.current();
    if (outer != null
        && (outer.origin().cancelled() || outer.deadlineNanos() - System.nanoTime() <= 0)) {
      Thread.currentThread().interrupt();
    }
  }

  private void release() {
    entry.release();
    unanswered.decrementAndGet();
  }

  /** Stops taking calls and fails those still waiting with TARGET_GONE; the running one goes on. */
  void stopTaking() {
    closed = true;
    List<PendingCall> waiting = new ArrayList<>();
    mailbox.drainTo(waiting);
    for (PendingCall call : waiting) {
      if (call != STOP) {
        unanswered.decrementAndGet();
        call.answer.completeExceptionally(gone(call));
      }
    }
    mailbox.add(STOP);
  }

  /**
   * After {@link #stopTaking}: lets the running call finish until {@code graceDeadlineNanos} (a
   * {@link System#nanoTime} value), then interrupts it, and returns when the thread has ended.
   */
  void awaitStopped(long graceDeadlineNanos) throws InterruptedException {
    long left = Math.max(0, graceDeadlineNanos - System.nanoTime());
    boolean drained = drainer.join(Duration.ofNanos(left));
    left = Math.max(0, graceDeadlineNanos - System.nanoTime());
    boolean free = drained && entry.tryAcquire(left, TimeUnit.NANOSECONDS);
    if (!free) {
      // Past the grace period: stop whoever is inside, the mailbox thread or a fast-path caller
      // (the mailbox thread may be waiting for that caller to leave, so both are interrupted
      // before either is waited for).
      synchronized (runningLock) {
        if (callerRunning != null) {
          stoppedCaller = true;
          callerRunning.interrupt();
        }
      }
      drainer.interrupt();
      drainer.join();
      entry.acquire();
    }
    entry.release();
  }

  private static MeshException deadlinePassed(PendingCall call) {
    return new MeshException(
        MeshErrorKind.DEADLINE,
        "%s.%s did not answer by its deadline %s"
            .formatted(call.info.target(), call.info.method(), call.info.deadline()));
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
