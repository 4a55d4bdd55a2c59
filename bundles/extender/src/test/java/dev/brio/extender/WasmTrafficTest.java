package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.Payload;
import dev.brio.api.mesh.TargetSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pools, cycles and removal under load, with real components behind the real switchboard. */
class WasmTrafficTest {
  /** Long enough that a hung call fails the test rather than the build. */
  private static final long NO_HANG_SECONDS = 60;

  private static Caller caller(Duration timeout) {
    return new Caller("test", Set.of("*"), timeout);
  }

  @Test
  void aPoolOfTwoRunsTwoCallsAtOnce() throws Exception {
    try (var mesh = new TestMesh();
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      // a Java target that answers only once two calls are inside it: two callers get through
      // only if two instances of the tool call it at the same time
      var bothInside = new CountDownLatch(2);
      MeshTarget barrier =
          (call, args) -> {
            bothInside.countDown();
            try {
              bothInside.await();
            } catch (InterruptedException e) {
              throw new MeshException(MeshErrorKind.CANCELLED, "barrier left", e);
            }
            return args;
          };
      mesh.switchboard.register(
          new TargetSpec("barrier", Duration.ofSeconds(30), 4), List.of(barrier, barrier));
      mesh.deployer.deploy(
          "upper", Fixtures.bytes("mesh-tool"), TestMesh.tool("upper", 2, "barrier"));
      assertEquals(2, mesh.switchboard.stats().getLast().instances());
      List<Future<Payload>> answers = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        answers.add(
            threads.submit(
                () ->
                    mesh.switchboard.call(
                        TestMesh.OPERATOR, "upper", "barrier/x", Payload.json("\"in\""))));
      }
      for (Future<Payload> answer : answers) {
        assertEquals(Payload.json("\"in\""), answer.get(NO_HANG_SECONDS, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void aCallRunningWhenItsTargetIsRemovedIsStoppedAfterTheGracePeriod() throws Exception {
    try (var mesh = new TestMesh();
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      mesh.deployer.deploy("upper", Fixtures.bytes("mesh-tool"), TestMesh.tool("upper", 1));
      CompletableFuture<String> spinning =
          CompletableFuture.supplyAsync(
              () -> outcome(mesh, caller(Duration.ofSeconds(50)), "spin"), threads);
      // the one instance is taken once a short call can no longer get in
      while (!outcome(mesh, caller(Duration.ofMillis(200)), "m").equals("DEADLINE")) {
        Thread.onSpinWait();
      }
      assertTrue(mesh.deployer.undeploy("upper"));
      assertEquals("CANCELLED", spinning.get(NO_HANG_SECONDS, TimeUnit.SECONDS));
      // the instance was stopped, not wedged: the component deploys and answers again
      mesh.deployer.deploy("upper", Fixtures.bytes("mesh-tool"), TestMesh.tool("upper", 1));
      assertEquals("ok", outcome(mesh, TestMesh.OPERATOR, "m"));
    }
  }

  @Test
  void concurrentCallsEachGetTheirOwnAnswer() throws Exception {
    try (var mesh = new TestMesh();
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      mesh.deployer.deploy("upper", Fixtures.bytes("mesh-tool"), TestMesh.tool("upper", 4));
      List<Future<Payload>> answers = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String text = "\"call number %d of many\"".formatted(i);
        answers.add(
            threads.submit(
                () -> mesh.switchboard.call(TestMesh.OPERATOR, "upper", "m", Payload.json(text))));
      }
      for (int i = 0; i < answers.size(); i++) {
        // the bump allocator and the fixed return area would mix answers up if two threads
        // were ever inside one instance at once
        assertEquals(
            Payload.json("\"CALL NUMBER %d OF MANY\"".formatted(i)),
            answers.get(i).get(NO_HANG_SECONDS, TimeUnit.SECONDS));
      }
    }
  }

  @Test
  void aCycleThroughTwoComponentsFailsAtOnceNamingIt() throws Exception {
    try (var mesh = new TestMesh()) {
      mesh.deployer.deploy("a", Fixtures.bytes("mesh-tool"), TestMesh.tool("a", 1, "b"));
      mesh.deployer.deploy("b", Fixtures.bytes("mesh-tool"), TestMesh.tool("b", 1, "a"));
      // a forwards "b/a/x" to b as "a/x"; b forwards it back to a, which is waiting on b
      MeshException e =
          assertThrows(
              MeshException.class,
              () -> mesh.switchboard.call(TestMesh.OPERATOR, "a", "b/a/x", Payload.json("1")));
      assertEquals(MeshErrorKind.TARGET_ERROR, e.kind());
      assertTrue(
          e.getMessage()
              .contains(
                  "call cycle: a → b → a: every instance of a is already waiting in this call"
                      + " chain"),
          e.getMessage());
      // both instances are free again: a call along the chain without the cycle works
      assertEquals(
          Payload.json("\"X\""),
          mesh.switchboard.call(TestMesh.OPERATOR, "a", "b/x", Payload.json("\"x\"")));
    }
  }

  @Test
  void aTargetRemovedMidTrafficAnswersEveryCallAndHangsNone() throws Exception {
    try (var mesh = new TestMesh();
        var threads = Executors.newVirtualThreadPerTaskExecutor()) {
      mesh.deployer.deploy("upper", Fixtures.bytes("mesh-tool"), TestMesh.tool("upper", 2));
      List<CompletableFuture<String>> outcomes = new ArrayList<>();
      outcomes.add(
          CompletableFuture.supplyAsync(
              () -> outcome(mesh, caller(Duration.ofSeconds(30)), "spin"), threads));
      for (int i = 0; i < 500; i++) {
        outcomes.add(
            CompletableFuture.supplyAsync(() -> outcome(mesh, TestMesh.OPERATOR, "m"), threads));
      }
      assertTrue(mesh.deployer.undeploy("upper"));
      assertEquals(List.of(), mesh.switchboard.targets());

      var kinds = EnumSet.noneOf(MeshErrorKind.class);
      for (CompletableFuture<String> outcome : outcomes) {
        String text = outcome.get(NO_HANG_SECONDS, TimeUnit.SECONDS);
        if (!text.equals("ok")) {
          kinds.add(MeshErrorKind.valueOf(text));
        }
      }
      // a call either ran, was stopped after the grace period (the spinning one, if it had
      // started), was dropped from a mailbox, came after the target had gone, or found both
      // mailboxes full (500 calls, 2 x 64 slots: how many wait at once depends on how fast the
      // instances drain them, so backpressure is a clean answer here too)
      assertTrue(
          EnumSet.of(
                  MeshErrorKind.CANCELLED,
                  MeshErrorKind.TARGET_GONE,
                  MeshErrorKind.UNKNOWN_TARGET,
                  MeshErrorKind.BUSY)
              .containsAll(kinds),
          kinds.toString());
    }
  }

  @Test
  void aReplacedComponentServesTheNextCall() throws Exception {
    try (var mesh = new TestMesh()) {
      mesh.deployer.deploy("tool", Fixtures.bytes("mesh-tool"), TestMesh.tool("tool", 1));
      mesh.deployer.deploy("tool", Fixtures.bytes("mesh-tool"), TestMesh.tool("renamed", 2));
      assertEquals(List.of("renamed"), mesh.switchboard.targets());
      assertEquals(
          Payload.json("\"Y\""),
          mesh.switchboard.call(TestMesh.OPERATOR, "renamed", "m", Payload.json("\"y\"")));
    }
  }

  /** "ok", or the kind of the mesh error, upper-case. */
  private static String outcome(TestMesh mesh, Caller caller, String method) {
    try {
      Payload answer = mesh.switchboard.call(caller, "upper", method, Payload.json("\"abc\""));
      assertEquals(Payload.json("\"ABC\""), answer);
      return "ok";
    } catch (MeshException e) {
      return e.kind().name().toUpperCase(Locale.ROOT);
    }
  }
}
