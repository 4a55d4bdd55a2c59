package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.DiffMode;
import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LifecycleTest {

  @TempDir Path temp;

  @Test
  void listShowsEverySessionOldestFirst() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo first = sessions.begin(f.base.toString());
    f.now = f.now.plusSeconds(1);
    SessionInfo second = sessions.begin(f.base.toString());
    sessions.abort(first.id());

    List<SessionInfo> listed = sessions.list();

    assertEquals(List.of(first.id(), second.id()), listed.stream().map(SessionInfo::id).toList());
    assertEquals(SessionState.ABORTED, listed.get(0).state());
    assertEquals(SessionState.OPEN, listed.get(1).state());
  }

  @Test
  void unknownAndMalformedIdsAreRefused() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    for (String id : List.of("../../etc", "00000000-0000-0000-0000-000000000000", "")) {
      SessionException e = assertThrows(SessionException.class, () -> sessions.abort(id));
      assertInstanceOf(SessionError.UnknownSession.class, e.error());
    }
  }

  @Test
  void finishedSessionsAreRemovedAfterTheRetentionPeriodOpenOnesNever() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions(f.settings().withRetention(Duration.ofHours(2)));
    SessionInfo committed = sessions.begin(f.base.toString());
    SessionInfo aborted = sessions.begin(f.base.toString());
    SessionInfo open = sessions.begin(f.base.toString());
    sessions.commit(committed.id());
    sessions.abort(aborted.id());

    f.now = f.now.plus(Duration.ofHours(1));
    assertEquals(List.of(), sessions.cleanupFinished());
    f.now = f.now.plus(Duration.ofHours(1));
    List<String> removed = sessions.cleanupFinished();

    assertEquals(2, removed.size());
    assertTrue(removed.containsAll(List.of(committed.id(), aborted.id())));
    assertFalse(Files.exists(f.sessionsRoot.resolve(committed.id())));
    assertEquals(Optional.empty(), f.ledger().find(aborted.id()), "its row is gone too");
    assertEquals(List.of(open.id()), sessions.list().stream().map(SessionInfo::id).toList());
    f.now = f.now.plus(Duration.ofDays(30));
    assertEquals(List.of(), sessions.cleanupFinished());
  }

  @Test
  void sessionsSurviveARestartAndFallBackToAFullRescan() throws Exception {
    Fixture f = new Fixture(temp);
    SessionInfo info = f.sessions().begin(f.base.toString(), true);
    WorkspaceSessions restarted = f.sessions();
    Path session = restarted.directory(info.id());
    Files.writeString(session.resolve("README.md"), "after restart\n");

    // The touched set died with the old instance: TOUCHED must not miss the edit.
    assertEquals(1, restarted.changes(info.id(), DiffMode.TOUCHED).size());
    restarted.commit(info.id());
    assertEquals("after restart\n", Files.readString(f.base.resolve("README.md")));
  }

  @Test
  void recoveryRemovesSessionDirectoriesWhoseBeginNeverFinished() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo kept = sessions.begin(f.base.toString());
    Path orphan =
        Files.createDirectories(f.sessionsRoot.resolve("0e0e0e0e-0000-4000-8000-000000000000/x"));

    WorkspaceSessions.RecoveryReport report = sessions.recover();

    assertEquals(List.of("0e0e0e0e-0000-4000-8000-000000000000"), report.orphansRemoved());
    assertFalse(Files.exists(orphan));
    assertTrue(Files.isDirectory(sessions.directory(kept.id())));
  }

  @Test
  void readOnlyDirectoriesAreCopiedWithTheirModeAndStillCleanedUp() throws Exception {
    Fixture f = new Fixture(temp);
    Trees.write(f.base, "locked/inside.txt", "x\n");
    Trees.chmod(f.base.resolve("locked"), "r-xr-xr-x");
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Path copy = sessions.directory(info.id());
    assertEquals(Trees.describe(f.base), Trees.describe(copy));

    sessions.abort(info.id());
    f.now = f.now.plus(Duration.ofDays(1));
    assertEquals(List.of(info.id()), sessions.cleanupFinished());
    assertFalse(Files.exists(copy));
    Trees.chmod(f.base.resolve("locked"), "rwxr-xr-x"); // so @TempDir can clean up
  }

  @Test
  void theBaseAndTheSessionsRootMustNotContainEachOther() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions inside =
        f.sessions(VfsSettings.of(List.of(f.projects), f.base.resolve("sessions"), f.ledger()));
    SessionException e =
        assertThrows(SessionException.class, () -> inside.begin(f.base.toString()));
    assertInstanceOf(SessionError.OutsideRoots.class, e.error());
  }

  @Test
  void aDamagedJournalIsReportedAndDoesNotStopRecoveryOfOthers() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo damaged = sessions.begin(f.base.toString());
    SessionInfo healthy = sessions.begin(f.base.toString());
    // Complete (its checksum holds) but not a journal: damage, not a crash mid-write, which
    // recovery must not guess about.
    Files.write(
        f.sessionsRoot.resolve(damaged.id() + ".journal"),
        ChecksummedRecord.encode("brio-something-else", out -> out.writeInt(7)));
    Path stage = Trees.write(f.base, ".brio-stage-" + healthy.id() + "-0", "staged");
    new StagingIntent(f.base.toRealPath(), List.of(stage.getFileName().toString()))
        .write(f.sessionsRoot.resolve(healthy.id() + ".staging"));

    WorkspaceSessions.RecoveryReport report = f.sessions().recover();

    assertEquals(List.of(damaged.id()), List.copyOf(report.failed().keySet()));
    assertEquals(List.of(healthy.id()), report.rolledBack());
    assertFalse(Files.exists(stage));
    assertTrue(Files.exists(f.sessionsRoot.resolve(damaged.id() + ".journal")), "kept for later");
  }

  @Test
  void aJournalThatWasStillBeingWrittenCountsAsNoJournal() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Map<String, String> before = Trees.describe(f.base);
    Path stage = Trees.write(f.base, "docs/.brio-stage-" + info.id() + "-0", "staged");
    new StagingIntent(f.base.toRealPath(), List.of("docs/" + stage.getFileName()))
        .write(f.sessionsRoot.resolve(info.id() + ".staging"));
    Path torn = Files.write(f.sessionsRoot.resolve(info.id() + ".journal.tmp"), new byte[] {42});

    WorkspaceSessions.RecoveryReport report = f.sessions().recover();

    assertEquals(List.of(info.id()), report.rolledBack());
    assertEquals(before, Trees.describe(f.base));
    assertFalse(Files.exists(torn));
    assertFalse(Files.exists(f.sessionsRoot.resolve(info.id() + ".staging")));
  }
}
