package dev.brio.vfs;

import static dev.brio.vfs.TestThreads.awaitQuietly;
import static dev.brio.vfs.TestThreads.uncheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.CommitResult;
import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open sessions past the maximum age are aborted by the cleanup, on a real brio.db and real
 * directories; younger ones, and one a commit is in the middle of, are left open.
 */
class OpenMaxAgeTest {

  private static final Executor OWN_THREAD = task -> Thread.ofVirtual().start(task);

  @TempDir Path temp;

  @Test
  void anOpenSessionPastTheMaximumAgeIsAbortedAndItsCopyDiscardedAYoungerOneStays()
      throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions(f.settings().withOpenMaxAge(Duration.ofDays(7)));
    SessionInfo old = sessions.begin(f.base.toString(), true, Optional.of("coder"));
    f.now = f.now.plus(Duration.ofDays(3));
    SessionInfo young = sessions.begin(f.base.toString());
    f.now = f.now.plus(Duration.ofDays(4)).minusSeconds(1);
    assertEquals(List.of(), sessions.abortOverAge().aborted(), "a second short of the age");

    f.now = f.now.plusSeconds(1);
    WorkspaceSessions.OverAgeReport report = sessions.abortOverAge();

    assertEquals(
        List.of(
            new WorkspaceSessions.AgedOut(
                old.id(),
                Optional.of("coder"),
                f.base.toRealPath().toString(),
                Duration.ofDays(7))),
        report.aborted());
    assertEquals(List.of(), report.busy());
    assertEquals(Map.of(), report.failed());
    SessionRecord aborted = f.ledger().find(old.id()).orElseThrow();
    assertEquals(SessionState.ABORTED, aborted.state());
    assertEquals(Optional.of(f.now), aborted.finishedAt());
    assertFalse(Files.exists(f.sessionsRoot.resolve(old.id())), "its copy is discarded at once");
    SessionException gone = assertThrows(SessionException.class, () -> sessions.commit(old.id()));
    assertInstanceOf(SessionError.UnknownSession.class, gone.error());

    assertEquals(SessionState.OPEN, f.ledger().find(young.id()).orElseThrow().state());
    assertTrue(Files.isDirectory(f.sessionsRoot.resolve(young.id())));
    assertEquals("# sample\n", Files.readString(f.base.resolve("README.md")), "base untouched");

    // the aborted row waits for the retention period like any finished session
    f.now = f.now.plus(f.settings().retention());
    assertEquals(List.of(old.id()), sessions.cleanupFinished());
    assertEquals(List.of(young.id()), sessions.list().stream().map(SessionInfo::id).toList());
  }

  @Test
  void sessionsBegunBeforeARestartAgeToo() throws Exception {
    Fixture f = new Fixture(temp);
    SessionInfo info = f.sessions().begin(f.base.toString(), true, Optional.of("coder"));
    f.closeStore();
    f.now = f.now.plus(Duration.ofDays(8));

    WorkspaceSessions restarted = f.sessions(f.settings().withOpenMaxAge(Duration.ofDays(7)));
    restarted.recover();

    assertEquals(
        List.of(info.id()),
        restarted.abortOverAge().aborted().stream().map(WorkspaceSessions.AgedOut::id).toList());
    assertEquals(SessionState.ABORTED, f.ledger().find(info.id()).orElseThrow().state());
  }

  @Test
  void aSessionWhoseBaseIsGoneStillAgesOut() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions(f.settings().withOpenMaxAge(Duration.ofHours(1)));
    SessionInfo info = sessions.begin(f.base.toString());
    Files.move(f.base, f.projects.resolve("renamed"));
    f.now = f.now.plus(Duration.ofHours(2));

    WorkspaceSessions.OverAgeReport report = sessions.abortOverAge();

    assertEquals(Map.of(), report.failed());
    assertEquals(
        List.of(info.id()), report.aborted().stream().map(WorkspaceSessions.AgedOut::id).toList());
    assertFalse(Files.exists(f.sessionsRoot.resolve(info.id())));
  }

  @Test
  void zeroMeansOpenSessionsNeverExpire() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions(f.settings().withOpenMaxAge(Duration.ZERO));
    SessionInfo info = sessions.begin(f.base.toString());
    f.now = f.now.plus(Duration.ofDays(3650));

    assertEquals(List.of(), sessions.abortOverAge().aborted());
    assertEquals(SessionState.OPEN, sessions.list().getFirst().state());
    assertTrue(Files.isDirectory(sessions.directory(info.id())));
  }

  @Test
  void aSessionACommitIsInTheMiddleOfIsNotAbortedUnderIt() throws Exception {
    Fixture f = new Fixture(temp);
    CountDownLatch committing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CommitSteps pauseAtTheFirstStep =
        step -> {
          if (committing.getCount() > 0) {
            committing.countDown();
            awaitQuietly(release);
          }
        };
    WorkspaceSessions sessions =
        new WorkspaceSessions(
            f.settings().withOpenMaxAge(Duration.ofDays(1)), pauseAtTheFirstStep, f.clock);
    SessionInfo info = sessions.begin(f.base.toString(), true, Optional.of("coder"));
    Files.writeString(sessions.directory(info.id()).resolve("README.md"), "committed late\n");
    sessions.recordTouched(info.id(), "README.md");
    f.now = f.now.plus(Duration.ofDays(2));

    CompletableFuture<CommitResult> commit =
        CompletableFuture.supplyAsync(() -> uncheck(() -> sessions.commit(info.id())), OWN_THREAD);
    assertTrue(committing.await(30, TimeUnit.SECONDS), "the commit reached its first step");
    WorkspaceSessions.OverAgeReport during = sessions.abortOverAge();
    release.countDown();
    CommitResult result = commit.get(30, TimeUnit.SECONDS);

    assertEquals(List.of(), during.aborted());
    assertEquals(List.of(info.id()), during.busy(), "left for the next round");
    assertEquals(info.id(), result.id());
    assertEquals("committed late\n", Files.readString(f.base.resolve("README.md")));
    assertEquals(SessionState.COMMITTED, f.ledger().find(info.id()).orElseThrow().state());
    WorkspaceSessions.OverAgeReport after = sessions.abortOverAge();
    assertEquals(List.of(), after.aborted(), "a committed session is not open any more");
    assertEquals(List.of(), after.busy());
  }
}
