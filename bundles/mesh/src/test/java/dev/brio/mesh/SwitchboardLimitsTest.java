package dev.brio.mesh;

import static dev.brio.mesh.Targets.KERNEL;
import static dev.brio.mesh.Targets.caller;
import static dev.brio.mesh.Targets.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshRegistry;
import dev.brio.api.mesh.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deadlines, backpressure, cancellation and cycles: the ways a call ends without an answer. */
class SwitchboardLimitsTest {
  private final Switchboard mesh = new Switchboard();
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch entered = new CountDownLatch(1);

  @AfterEach
  void close() {
    release.countDown();
    mesh.close();
  }

  /** A target whose calls wait until the test releases them, noting when one is interrupted. */
  private void registerBlocking(String name, int capacity, AtomicBoolean interrupted) {
    mesh.register(
        spec(name, capacity),
        List.of(
            (call, args) -> {
              entered.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw new MeshException(MeshErrorKind.CANCELLED, "interrupted");
              }
              return args;
            }));
  }

  @Test
  void aCallPastItsDeadlineFailsAndTheRunningHandlerIsInterrupted() throws Exception {
    var interrupted = new AtomicBoolean();
    registerBlocking("slow", 4, interrupted);
    var hasty = caller("hasty", Duration.ofMillis(200), "slow");
    var e =
        assertThrows(MeshException.class, () -> mesh.call(hasty, "slow", "m", Payload.json("1")));
    assertEquals(MeshErrorKind.DEADLINE, e.kind());
    assertTrue(
        e.getMessage().startsWith("deadline exceeded: slow.m did not answer"), e.getMessage());
    awaitTrue(interrupted);
    release.countDown();
    assertEquals(
        Payload.json("2"), mesh.call(KERNEL, "slow", "m", Payload.json("2")), "usable after");
  }

  @Test
  void aCallWaitingInTheMailboxPastItsDeadlineFailsAndNeverRuns() throws Exception {
    var interrupted = new AtomicBoolean();
    var runs = new AtomicInteger();
    mesh.register(
        spec("single", 4),
        List.of(
            (call, args) -> {
              runs.incrementAndGet();
              entered.countDown();
              try {
                release.await();
              } catch (InterruptedException e) {
                interrupted.set(true);
              }
              return args;
            }));
    Thread holder =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    mesh.call(KERNEL, "single", "hold", Payload.json("1"));
                  } catch (MeshException e) {
                    throw new AssertionError(e);
                  }
                });
    assertTrue(entered.await(10, TimeUnit.SECONDS));
    var hasty = caller("hasty", Duration.ofMillis(200), "single");
    var e =
        assertThrows(MeshException.class, () -> mesh.call(hasty, "single", "m", Payload.json("2")));
    assertEquals(MeshErrorKind.DEADLINE, e.kind());
    release.countDown();
    holder.join();
    assertEquals(1, runs.get(), "the expired call ran after all");
    assertFalse(interrupted.get(), "the running call was interrupted for another's deadline");
  }

  @Test
  void aChildCallInheritsItsParentsDeadline() throws Exception {
    AtomicReference<CallInfo> child = new AtomicReference<>();
    mesh.register(
        spec("inner", 4),
        List.of(
            (call, args) -> {
              child.set(call);
              return args;
            }));
    var patient = caller("outer", Duration.ofMinutes(1), "inner");
    AtomicReference<CallInfo> parent = new AtomicReference<>();
    mesh.register(
        spec("outer", 4),
        List.of(
            (call, args) -> {
              parent.set(call);
              return mesh.call(patient, "inner", "m", args);
            }));
    mesh.call(caller("ui", Duration.ofSeconds(2), "outer"), "outer", "m", Payload.json("1"));
    assertFalse(
        child.get().deadline().isAfter(parent.get().deadline()),
        "child outlives parent: " + child.get() + " vs " + parent.get());
    assertEquals(parent.get().id(), child.get().parentId());
  }

  @Test
  void aFullMailboxAnswersBusyAtOnce() throws Exception {
    var interrupted = new AtomicBoolean();
    registerBlocking("narrow", 2, interrupted);
    // four calls at a held instance with two mailbox slots: one runs, two wait, one is refused
    var busy = new ConcurrentLinkedQueue<MeshException>();
    var answered = new AtomicInteger();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      callers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      mesh.call(KERNEL, "narrow", "m", Payload.json("1"));
                      answered.incrementAndGet();
                    } catch (MeshException e) {
                      busy.add(e);
                    }
                  }));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (busy.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertEquals(1, busy.size(), "refused while the instance was held: " + busy);
    assertEquals(MeshErrorKind.BUSY, busy.peek().kind());
    assertTrue(busy.peek().getMessage().contains("narrow"), busy.peek().getMessage());
    release.countDown();
    for (Thread t : callers) {
      t.join();
    }
    assertEquals(3, answered.get());
  }

  @Test
  void aCallerThatGoesAwayCancelsItsCall() throws Exception {
    var interrupted = new AtomicBoolean();
    registerBlocking("held", 4, interrupted);
    AtomicReference<MeshException> outcome = new AtomicReference<>();
    Thread callerThread =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    mesh.call(KERNEL, "held", "m", Payload.json("1"));
                  } catch (MeshException e) {
                    outcome.set(e);
                  }
                });
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the call never reached its target");
    callerThread.interrupt();
    callerThread.join();
    assertEquals(MeshErrorKind.CANCELLED, outcome.get().kind());
    awaitTrue(interrupted);
  }

  @Test
  void aCycleBackIntoAWaitingInstanceFailsAtOnceNamingTheCycle() throws Exception {
    Caller asA = caller("a", Duration.ofSeconds(10), "b");
    Caller asB = caller("b", Duration.ofSeconds(10), "a");
    mesh.register(spec("a", 4), List.of((call, args) -> mesh.call(asA, "b", "m", args)));
    mesh.register(spec("b", 4), List.of((call, args) -> mesh.call(asB, "a", "m", args)));
    long began = System.nanoTime();
    var e = assertThrows(MeshException.class, () -> mesh.call(KERNEL, "a", "m", Payload.json("1")));
    assertEquals(MeshErrorKind.CYCLE, e.kind());
    assertEquals(
        "call cycle: a → b → a: every instance of a is already waiting in this call chain",
        e.getMessage());
    assertTrue(System.nanoTime() - began < TimeUnit.SECONDS.toNanos(10), "waited for the deadline");
  }

  @Test
  void aPoolTakesTheReentrantCallOnAnotherInstance() throws Exception {
    Caller asA = caller("a", Duration.ofSeconds(10), "b");
    Caller asB = caller("b", Duration.ofSeconds(10), "a");
    mesh.register(
        spec("a", 4),
        Targets.pool(
            (call, args) ->
                call.parentId() == 0 ? mesh.call(asA, "b", "m", args) : Payload.json("\"leaf\""),
            2));
    mesh.register(spec("b", 4), List.of((call, args) -> mesh.call(asB, "a", "m", args)));
    assertEquals(Payload.json("\"leaf\""), mesh.call(KERNEL, "a", "m", Payload.json("1")));
  }

  @Test
  void aRemovedPoolStopsAllItsRunningCallsInOneGracePeriod() throws Exception {
    // 16 instances and a 300 ms grace: closed one after another they would take 4.8 s, past the
    // callers' 3 s deadline; sharing one grace period, every running call is stopped in time
    int size = 16;
    try (var quick =
        new Switchboard(
            new MeshSettings(64, 8, Duration.ofMinutes(1), Duration.ofMillis(300), 1.0))) {
      var running = new AtomicInteger();
      MeshRegistry.Registration registration =
          quick.register(
              spec("pool", 4),
              Targets.pool(
                  (call, args) -> {
                    running.incrementAndGet();
                    try {
                      release.await();
                    } catch (InterruptedException e) {
                      throw new MeshException(MeshErrorKind.CANCELLED, "stopped on removal");
                    }
                    return args;
                  },
                  size));
      var caller = caller("patient", Duration.ofSeconds(3), "pool");
      var outcomes = new ConcurrentLinkedQueue<String>();
      List<Thread> callers = new ArrayList<>();
      for (int i = 0; i < size; i++) {
        callers.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        quick.call(caller, "pool", "m", Payload.json("1"));
                        outcomes.add("answered");
                      } catch (MeshException e) {
                        outcomes.add(e.getMessage());
                      }
                    }));
        // one call at a time, each running before the next: the least loaded instance is a free one
        while (running.get() <= i) {
          Thread.sleep(1);
        }
      }
      registration.close();
      for (Thread t : callers) {
        t.join();
      }
      assertEquals(
          Collections.nCopies(size, "cancelled: stopped on removal"), List.copyOf(outcomes));
    }
  }

  private static void awaitTrue(AtomicBoolean flag) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!flag.get() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertTrue(flag.get(), "the handler was not interrupted");
  }
}
