package dev.brio.mesh;

import static dev.brio.mesh.Targets.KERNEL;
import static dev.brio.mesh.Targets.caller;
import static dev.brio.mesh.Targets.pool;
import static dev.brio.mesh.Targets.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SwitchboardRoutingTest {
  private final Switchboard mesh = new Switchboard();

  @AfterEach
  void close() {
    mesh.close();
  }

  @Test
  void routesToTheTargetAndPassesThePayloadByReference() throws Exception {
    AtomicReference<Payload> seen = new AtomicReference<>();
    AtomicReference<CallInfo> info = new AtomicReference<>();
    mesh.register(
        spec("echo", 4),
        List.of(
            (call, args) -> {
              seen.set(args);
              info.set(call);
              return args;
            }));
    Payload args = Payload.json("{\"n\":1}");
    Payload answer = mesh.call(KERNEL, "echo", "ping", args);
    assertSame(args, seen.get(), "the target must get the caller's payload object");
    assertSame(args, answer);
    assertEquals("kernel", info.get().caller());
    assertEquals("ping", info.get().method());
    assertEquals(0, info.get().parentId());
    assertTrue(info.get().id() > 0);
  }

  @Test
  void aPoolRunsCallsInParallel() throws Exception {
    int size = 4;
    var allInside = new CyclicBarrier(size);
    mesh.register(
        spec("tool", 4),
        pool(
            (call, args) -> {
              try {
                allInside.await(20, TimeUnit.SECONDS); // only passes if 4 calls are inside at once
              } catch (Exception e) {
                throw new MeshException(MeshErrorKind.TARGET_ERROR, "not parallel: " + e);
              }
              return args;
            },
            size));
    List<Thread> callers = new java.util.ArrayList<>();
    var failures = new AtomicInteger();
    for (int i = 0; i < size; i++) {
      callers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      mesh.call(KERNEL, "tool", "work", Payload.json("{}"));
                    } catch (MeshException e) {
                      failures.incrementAndGet();
                    }
                  }));
    }
    for (Thread t : callers) {
      t.join();
    }
    assertEquals(0, failures.get());
  }

  @Test
  void oneInstanceIsNeverEnteredByTwoThreads() throws Exception {
    var inside = new AtomicInteger();
    var most = new AtomicInteger();
    mesh.register(
        spec("agent", 1000),
        List.of(
            (call, args) -> {
              most.accumulateAndGet(inside.incrementAndGet(), Math::max);
              Thread.onSpinWait();
              inside.decrementAndGet();
              return args;
            }));
    List<Thread> callers = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      callers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      mesh.call(KERNEL, "agent", "step", Payload.json("{}"));
                    } catch (MeshException e) {
                      throw new AssertionError(e);
                    }
                  }));
    }
    for (Thread t : callers) {
      t.join();
    }
    assertEquals(1, most.get());
  }

  @Test
  void grantsAreCheckedBeforeTheTargetSeesTheCall() throws Exception {
    var reached = new AtomicInteger();
    mesh.register(
        spec("secret", 4),
        List.of(
            (call, args) -> {
              reached.incrementAndGet();
              return args;
            }));
    var agent = caller("agent-a", Duration.ofSeconds(5), "search");
    var refused =
        assertThrows(
            MeshException.class, () -> mesh.call(agent, "secret", "read", Payload.json("{}")));
    assertEquals(MeshErrorKind.DENIED, refused.kind());
    assertEquals(
        "denied: agent-a may not call secret (its grants: [search])", refused.getMessage());
    assertEquals(0, reached.get());
  }

  @Test
  void unknownTargetNamesWhatIsThere() throws Exception {
    mesh.register(spec("a", 1), List.of((call, args) -> args));
    var e = assertThrows(MeshException.class, () -> mesh.call(KERNEL, "b", "m", Payload.json("1")));
    assertEquals(MeshErrorKind.UNKNOWN_TARGET, e.kind());
    assertTrue(e.getMessage().contains("registered: [a]"), e.getMessage());
  }

  @Test
  void aTargetsExceptionIsTheCallersErrorAndTheInstanceGoesOn() throws Exception {
    mesh.register(
        spec("flaky", 1),
        List.of(
            (call, args) -> {
              if (call.method().equals("go")) {
                throw new IllegalStateException("disk on fire");
              }
              return args;
            }));
    var e =
        assertThrows(
            MeshException.class, () -> mesh.call(KERNEL, "flaky", "go", Payload.json("1")));
    assertEquals(MeshErrorKind.TARGET_ERROR, e.kind());
    assertTrue(e.getMessage().contains("flaky.go failed"), e.getMessage());
    assertTrue(e.getMessage().contains("disk on fire"), e.getMessage());
    assertEquals(Payload.json("2"), mesh.call(KERNEL, "flaky", "again", Payload.json("2")));
  }

  @Test
  void registeringANameTwiceFails() {
    mesh.register(spec("once", 1), List.of((call, args) -> args));
    assertThrows(
        IllegalStateException.class,
        () -> mesh.register(spec("once", 1), List.of((call, args) -> args)));
  }

  @Test
  void statsCountCallsAndErrorsPerTarget() throws Exception {
    mesh.register(
        spec("counted", 8),
        List.of(
            (call, args) -> {
              if (call.method().equals("fail")) {
                throw new MeshException(MeshErrorKind.TARGET_ERROR, "asked to");
              }
              return args;
            }));
    for (int i = 0; i < 5; i++) {
      mesh.call(KERNEL, "counted", "ok", Payload.json("1"));
    }
    assertThrows(
        MeshException.class, () -> mesh.call(KERNEL, "counted", "fail", Payload.json("1")));
    var stats = mesh.stats().getFirst();
    assertEquals("counted", stats.target());
    assertEquals(6, stats.calls());
    assertEquals(1, stats.errors());
    assertTrue(stats.maxMicros() >= stats.p50Micros());
  }
}
