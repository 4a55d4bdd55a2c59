package dev.brio.mesh;

import static dev.brio.mesh.Targets.KERNEL;
import static dev.brio.mesh.Targets.caller;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshRegistry;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.Payload;
import dev.brio.api.mesh.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The opt-in fast path: a call that finds an instance idle runs on the caller's own thread. */
class SwitchboardFastPathTest {
  private final Switchboard mesh = new Switchboard();

  @AfterEach
  void close() {
    mesh.close();
  }

  private static TargetSpec fast(String name) {
    return new TargetSpec(name, Duration.ofMinutes(1), 1024, true);
  }

  /** A mesh whose removed targets get 300 ms to finish their calls. */
  private static Switchboard withShortGrace() {
    return new Switchboard(
        new MeshSettings(64, 8, Duration.ofMinutes(1), Duration.ofMillis(300), 1.0));
  }

  /** A handler that holds each call until it is interrupted, counting {@code entered} down. */
  private static MeshTarget heldUntilInterrupted(CountDownLatch entered) {
    return (call, args) -> {
      entered.countDown();
      try {
        Thread.sleep(Duration.ofMinutes(1));
      } catch (InterruptedException e) {
        throw new MeshException(MeshErrorKind.CANCELLED, "stopped");
      }
      return args;
    };
  }

  @Test
  void anIdleInstanceRunsTheCallOnTheCallersThreadOnlyWhenTheTargetOptsIn() throws Exception {
    var ranOn = new AtomicReference<Thread>();
    MeshTarget noteThread =
        (call, args) -> {
          ranOn.set(Thread.currentThread());
          return args;
        };
    mesh.register(fast("fast"), List.of(noteThread));
    mesh.register(Targets.spec("slow", 4), List.of(noteThread));

    assertEquals(Payload.json("1"), mesh.call(KERNEL, "fast", "m", Payload.json("1")));
    assertSame(Thread.currentThread(), ranOn.get());
    assertEquals(Payload.json("2"), mesh.call(KERNEL, "slow", "m", Payload.json("2")));
    assertNotSame(Thread.currentThread(), ranOn.get());
  }

  @Test
  void callsOnABusyInstanceGoThroughItsMailboxAndNeverRunTwoAtOnce() throws Exception {
    var inside = new AtomicInteger();
    var mostInside = new AtomicInteger();
    var threads = ConcurrentHashMap.<Thread>newKeySet();
    mesh.register(
        fast("one"),
        List.of(
            (call, args) -> {
              mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
              threads.add(Thread.currentThread());
              // long enough inside that a second thread let in would be seen
              java.util.concurrent.locks.LockSupport.parkNanos(20_000);
              inside.decrementAndGet();
              return args;
            }));
    int callers = 16;
    int perCaller = 500;
    var start = new CountDownLatch(1);
    List<Future<Integer>> answered = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < callers; c++) {
        answered.add(
            pool.submit(
                () -> {
                  start.await();
                  int ok = 0;
                  for (int i = 0; i < perCaller; i++) {
                    String n = Integer.toString(i);
                    if (mesh.call(KERNEL, "one", "m", Payload.json(n)).equals(Payload.json(n))) {
                      ok++;
                    }
                  }
                  return ok;
                }));
      }
      start.countDown();
      for (Future<Integer> f : answered) {
        assertEquals(perCaller, f.get());
      }
    }
    assertEquals(1, mostInside.get(), "the instance was entered by two threads at once");
    // callers ran some calls themselves, and the mailbox thread took the rest
    assertTrue(threads.size() > 1, "threads that ran calls: " + threads.size());
  }

  @Test
  void aDeadlineInterruptsTheCallerRunningTheCallAndLeavesItsThreadClean() throws Exception {
    var interrupted = new CountDownLatch(1);
    mesh.register(
        fast("sleepy"),
        List.of(
            (call, args) -> {
              try {
                Thread.sleep(Duration.ofMinutes(1));
              } catch (InterruptedException e) {
                interrupted.countDown();
                throw new MeshException(MeshErrorKind.CANCELLED, "interrupted");
              }
              return args;
            }));
    var hasty = caller("hasty", Duration.ofMillis(100), "sleepy");
    var e =
        assertThrows(MeshException.class, () -> mesh.call(hasty, "sleepy", "m", Payload.json("1")));
    assertEquals(MeshErrorKind.DEADLINE, e.kind());
    assertTrue(e.getMessage().contains("sleepy.m did not answer by its deadline"), e.getMessage());
    assertEquals(0, interrupted.getCount());
    assertFalse(Thread.currentThread().isInterrupted(), "the deadline's interrupt leaked");
    // the instance is free again
    var patient = caller("patient", Duration.ofSeconds(5), "echo");
    mesh.register(fast("echo"), List.of((call, args) -> args));
    assertEquals(Payload.json("2"), mesh.call(patient, "echo", "m", Payload.json("2")));
  }

  @Test
  void aCycleIsStillRefusedOnTheFastPath() {
    var a = caller("a", Duration.ofSeconds(5), "b");
    var b = caller("b", Duration.ofSeconds(5), "a");
    mesh.register(fast("a"), List.of((call, args) -> mesh.call(a, "b", "m", args)));
    mesh.register(fast("b"), List.of((call, args) -> mesh.call(b, "a", "m", args)));
    var e = assertThrows(MeshException.class, () -> mesh.call(KERNEL, "a", "m", Payload.json("1")));
    assertEquals(MeshErrorKind.CYCLE, e.kind());
    assertTrue(e.getMessage().contains("a → b"), e.getMessage());
  }

  @Test
  void removingTheTargetStopsAFastPathCallAfterTheGracePeriod() throws Exception {
    var entered = new CountDownLatch(1);
    var result = new AtomicReference<Object>();
    try (var quick = withShortGrace()) {
      MeshRegistry.Registration registration =
          quick.register(fast("stuck"), Collections.singletonList(heldUntilInterrupted(entered)));
      Thread caller =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      result.set(quick.call(KERNEL, "stuck", "m", Payload.json("1")));
                    } catch (MeshException e) {
                      result.set(e.kind());
                    }
                    if (Thread.currentThread().isInterrupted()) {
                      result.set("interrupt leaked");
                    }
                  });
      entered.await();
      registration.close(); // waits the grace period, then interrupts the caller running the call
      assertTrue(caller.join(Duration.ofSeconds(30)));
      assertEquals(MeshErrorKind.CANCELLED, result.get());
      assertEquals(List.of(), quick.targets());
    }
  }

  @Test
  void removalStopsAFastPathCallWithAMailboxCallWaitingBehindIt() throws Exception {
    var entered = new CountDownLatch(1);
    var outcomes = new java.util.concurrent.ConcurrentLinkedQueue<Object>();
    try (var quick = withShortGrace()) {
      MeshRegistry.Registration registration =
          quick.register(fast("held"), Collections.singletonList(heldUntilInterrupted(entered)));
      Runnable call =
          () -> {
            try {
              outcomes.add(quick.call(KERNEL, "held", "m", Payload.json("1")));
            } catch (MeshException e) {
              outcomes.add(e.kind());
            }
          };
      Thread inside = Thread.ofVirtual().start(call);
      entered.await();
      // this one finds the instance taken and waits in the mailbox; the mailbox thread takes it
      // and waits for the fast-path caller to leave
      Thread waiting = Thread.ofVirtual().start(call);
      Thread.sleep(100);
      registration.close();
      assertTrue(inside.join(Duration.ofSeconds(30)), "the fast-path caller hangs");
      assertTrue(waiting.join(Duration.ofSeconds(30)), "the mailbox caller hangs");
      assertEquals(2, outcomes.size(), outcomes.toString());
      assertTrue(
          outcomes.stream()
              .allMatch(o -> o == MeshErrorKind.CANCELLED || o == MeshErrorKind.TARGET_GONE),
          outcomes.toString());
    }
  }

  @Test
  void aNestedFastPathCallPastTheSharedDeadlineLeavesTheOuterCallInterrupted() throws Exception {
    var outerSawInterrupt = new AtomicReference<Boolean>();
    var done = new CountDownLatch(1);
    var inner = caller("outer", Duration.ofMinutes(1), "inner");
    mesh.register(
        fast("inner"),
        List.of(
            (call, args) -> {
              try {
                Thread.sleep(Duration.ofMinutes(1));
              } catch (InterruptedException e) {
                throw new MeshException(MeshErrorKind.CANCELLED, "stopped");
              }
              return args;
            }));
    // the outer target runs on its mailbox thread; its call's deadline caps the inner one's
    mesh.register(
        Targets.spec("outer", 4),
        List.of(
            (call, args) -> {
              try {
                mesh.call(inner, "inner", "m", args);
              } catch (MeshException e) {
                outerSawInterrupt.set(Thread.currentThread().isInterrupted());
                done.countDown();
                throw e;
              }
              return args;
            }));
    var hasty = caller("hasty", Duration.ofMillis(200), "outer");
    var e =
        assertThrows(MeshException.class, () -> mesh.call(hasty, "outer", "m", Payload.json("1")));
    assertEquals(MeshErrorKind.DEADLINE, e.kind());
    assertTrue(done.await(30, java.util.concurrent.TimeUnit.SECONDS));
    assertEquals(Boolean.TRUE, outerSawInterrupt.get(), "the outer call would run on unstopped");
  }
}
