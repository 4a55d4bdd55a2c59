package dev.brio.mesh;

import static dev.brio.mesh.Targets.KERNEL;
import static dev.brio.mesh.Targets.pool;
import static dev.brio.mesh.Targets.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.MeshRegistry;
import dev.brio.api.mesh.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many calls at once: none lost, none answered twice, none left hanging when a target goes. */
class SwitchboardTrafficTest {
  private static final int CALLS = 10_000;
  private final Switchboard mesh = new Switchboard();

  @AfterEach
  void close() {
    mesh.close();
  }

  /** Makes one call per index, each on its own virtual thread, and waits for all of them. */
  private static void callConcurrently(int calls, CallBody body) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(120),
        () -> {
          List<Thread> callers = new ArrayList<>(calls);
          for (int i = 0; i < calls; i++) {
            int n = i;
            callers.add(
                Thread.ofVirtual()
                    .start(
                        () -> {
                          try {
                            body.call(n);
                          } catch (MeshException e) {
                            throw new AssertionError("call " + n + " escaped: " + e, e);
                          }
                        }));
          }
          for (Thread t : callers) {
            t.join();
          }
        });
  }

  @FunctionalInterface
  private interface CallBody {
    void call(int n) throws MeshException;
  }

  @Test
  void tenThousandConcurrentCallsEachGetTheirOwnAnswerOnce() {
    mesh.register(spec("echo", CALLS), pool((call, args) -> args, 8));
    Map<Integer, String> answers = new ConcurrentHashMap<>();
    var duplicates = new AtomicInteger();
    callConcurrently(
        CALLS,
        n -> {
          String answer;
          try {
            answer =
                ((Payload.Json) mesh.call(KERNEL, "echo", "m", Payload.json("{\"n\":" + n + "}")))
                    .text();
          } catch (MeshException e) {
            answer = "error " + e.getMessage();
          }
          if (answers.put(n, answer) != null) {
            duplicates.incrementAndGet();
          }
        });
    assertEquals(0, duplicates.get());
    assertEquals(CALLS, answers.size());
    for (int i = 0; i < CALLS; i++) {
      assertEquals("{\"n\":" + i + "}", answers.get(i), "answer to call " + i);
    }
  }

  @Test
  void withSmallMailboxesEveryCallEndsExactlyOnceAnsweredOrBusy() {
    mesh.register(spec("narrow", 4), pool((call, args) -> args, 2));
    var answered = new AtomicInteger();
    var busy = new AtomicInteger();
    var other = new AtomicInteger();
    callConcurrently(
        CALLS,
        n -> {
          try {
            var args = Payload.json(Integer.toString(n));
            (mesh.call(KERNEL, "narrow", "m", args).equals(args) ? answered : other)
                .incrementAndGet();
          } catch (MeshException e) {
            (e.kind() == MeshErrorKind.BUSY ? busy : other).incrementAndGet();
          }
        });
    assertEquals(0, other.get());
    assertEquals(CALLS, answered.get() + busy.get());
    assertTrue(answered.get() > 0);
  }

  @Test
  void removingATargetMidTrafficEndsEveryCallCleanly() {
    var running = new AtomicInteger();
    MeshRegistry.Registration registration =
        mesh.register(
            spec("leaving", 1_000),
            pool(
                (call, args) -> {
                  running.incrementAndGet();
                  try {
                    Thread.sleep(20);
                  } catch (InterruptedException e) {
                    throw new MeshException(MeshErrorKind.CANCELLED, "interrupted");
                  }
                  return args;
                },
                4));
    var answered = new AtomicInteger();
    var gone = new AtomicInteger();
    var other = new ConcurrentHashMap<String, Integer>();
    assertTimeoutPreemptively(
        Duration.ofSeconds(60),
        () -> {
          List<Thread> callers = new ArrayList<>();
          for (int i = 0; i < 500; i++) {
            callers.add(
                Thread.ofVirtual()
                    .start(
                        () -> {
                          try {
                            mesh.call(KERNEL, "leaving", "m", Payload.json("1"));
                            answered.incrementAndGet();
                          } catch (MeshException e) {
                            switch (e.kind()) {
                              case TARGET_GONE, UNKNOWN_TARGET -> gone.incrementAndGet();
                              default -> other.merge(e.getMessage(), 1, Integer::sum);
                            }
                          }
                        }));
          }
          while (running.get() < 8) {
            Thread.sleep(5);
          }
          registration.close();
          for (Thread t : callers) {
            t.join();
          }
        });
    assertEquals(Map.of(), other);
    assertEquals(500, answered.get() + gone.get());
    assertTrue(answered.get() >= 8 && gone.get() > 0, answered + " answered, " + gone + " gone");
    assertEquals(List.of(), mesh.targets());
  }
}
