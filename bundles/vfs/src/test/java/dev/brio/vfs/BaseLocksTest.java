package dev.brio.vfs;

import static dev.brio.vfs.TestThreads.awaitQuietly;
import static dev.brio.vfs.TestThreads.uncheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaseLocksTest {

  /** A thread per task: waiters must not starve each other of a shared pool's few threads. */
  private static final Executor OWN_THREAD = task -> Thread.ofVirtual().start(task);

  @TempDir Path temp;

  @Test
  void aLockCoversTheBasesAboveAndBelowItButNotItsSiblings() throws Exception {
    BaseLocks locks = new BaseLocks();
    try (BaseLocks.Held _ = locks.lock(Path.of("/p/app"))) {
      assertFalse(completesWithin(lockAndRelease(locks, "/p/app"), 200), "the same base");
      assertFalse(completesWithin(lockAndRelease(locks, "/p/app/src"), 200), "a base inside");
      assertFalse(completesWithin(lockAndRelease(locks, "/p"), 200), "a base holding it");
      assertTrue(completesWithin(lockAndRelease(locks, "/p/application"), 10_000), "a sibling");
      assertTrue(completesWithin(lockAndRelease(locks, "/p/lib"), 10_000), "another sibling");
    }
    assertTrue(completesWithin(lockAndRelease(locks, "/p/app/src"), 10_000), "released");
  }

  @Test
  void aBeginInsideABaseWaitsForTheCommitIntoIt() throws Exception {
    Fixture f = new Fixture(temp);
    CountDownLatch staging = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CommitSteps pauseWhileStaging =
        step -> {
          if (step.equals("mid-staging")) {
            staging.countDown();
            awaitQuietly(release);
          }
        };
    WorkspaceSessions sessions = new WorkspaceSessions(f.settings(), pauseWhileStaging, f.clock);
    SessionInfo outer = sessions.begin(f.base.toString());
    Files.writeString(
        sessions.directory(outer.id()).resolve("src/main/App.java"), "class App { int v; }\n");

    CompletableFuture<?> commit =
        CompletableFuture.runAsync(() -> uncheck(() -> sessions.commit(outer.id())), OWN_THREAD);
    assertTrue(staging.await(30, TimeUnit.SECONDS));
    CompletableFuture<SessionInfo> inner =
        CompletableFuture.supplyAsync(
            () -> uncheck(() -> sessions.begin(f.base.resolve("src").toString())), OWN_THREAD);
    assertFalse(
        completesWithin(inner, 300), "a copy of src/ must not see a half-applied commit into it");
    release.countDown();
    commit.get(30, TimeUnit.SECONDS);
    SessionInfo copied = inner.get(30, TimeUnit.SECONDS);
    assertEquals(
        "class App { int v; }\n",
        Files.readString(sessions.directory(copied.id()).resolve("main/App.java")));
  }

  private static CompletableFuture<Void> lockAndRelease(BaseLocks locks, String base) {
    return CompletableFuture.runAsync(
        () -> {
          try (BaseLocks.Held _ = locks.lock(Path.of(base))) {
            // taken and given back at once
          }
        },
        OWN_THREAD);
  }

  private static boolean completesWithin(CompletableFuture<?> future, long millis) {
    try {
      future.get(millis, TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
