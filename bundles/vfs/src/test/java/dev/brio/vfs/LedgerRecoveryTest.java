package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import dev.brio.api.state.SqlValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sessions root and the rows of brio.db disagree: start reports and cleans, never fails. */
class LedgerRecoveryTest {

  @TempDir Path temp;

  @Test
  void beginRecordsTheSessionAndItsSnapshotInOneRow() throws Exception {
    Fixture f = new Fixture(temp);
    SessionInfo info = f.sessions().begin(f.base.toString(), true);

    SessionRecord record = f.ledger().find(info.id()).orElseThrow();
    assertEquals(info, record.info());
    assertEquals(f.sessionsRoot.toRealPath().resolve(info.id()).toString(), record.directory());
    assertTrue(record.trackTouched());
    assertEquals(
        Trees.describe(f.base).keySet().stream().filter(p -> !p.startsWith(".git")).count(),
        f.snapshot(info.id()).entries().size());
    // Compact: per entry a length-prefixed path, a type byte, the mode and the 20-byte id.
    long entryBytes =
        f.snapshot(info.id()).entries().keySet().stream()
            .mapToLong(
                p -> 4 + p.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1 + 4 + 20)
            .sum();
    int blob = f.ledger().snapshot(info.id()).orElseThrow().length;
    assertTrue(blob <= entryBytes + 64, blob + " bytes for " + entryBytes + " bytes of entries");
    // Nothing but the session's directory is left beside it.
    try (var names = Files.list(f.sessionsRoot)) {
      assertEquals(List.of(info.id()), names.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(
        SqlValue.of(1L),
        f.store().query("SELECT count(*) FROM sessions", List.of()).rows().getFirst().get(0));
  }

  @Test
  void aCommitWhoseLedgerUpdateWasLostIsRecordedFromItsDoneMarker() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString()); // a full rescan finds the edit below
    Files.writeString(sessions.directory(info.id()).resolve("README.md"), "changed\n");
    sessions.commit(info.id());
    Map<String, String> committed = Trees.describe(f.base);
    // a power loss took back the ledger's unsynced update; the renames and the marker survived
    f.store()
        .execute(
            "UPDATE sessions SET state = 'open', finished_at = NULL WHERE id = ?",
            List.of(SqlValue.of(info.id())));

    WorkspaceSessions restarted = f.sessions();
    WorkspaceSessions.RecoveryReport report = restarted.recover();
    assertEquals(List.of(info.id()), report.rolledForward());
    assertEquals(SessionState.COMMITTED, f.ledger().find(info.id()).orElseThrow().state());
    assertEquals(committed, Trees.describe(f.base));

    // once recorded, later starts find nothing to report
    assertEquals(List.of(), f.sessions().recover().rolledForward());
  }

  @Test
  void anOpenSessionWhoseDirectoryVanishedIsRecordedAbortedAndLaterRemoved() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo gone = sessions.begin(f.base.toString());
    SessionInfo kept = sessions.begin(f.base.toString());
    Committer.deleteTree(f.sessionsRoot.resolve(gone.id()));

    WorkspaceSessions restarted = f.sessions();
    WorkspaceSessions.RecoveryReport report = restarted.recover();

    assertEquals(List.of(gone.id()), report.directoryMissing());
    assertTrue(report.failed().isEmpty(), report.failed().toString());
    assertEquals(SessionState.ABORTED, f.ledger().find(gone.id()).orElseThrow().state());
    SessionException e = assertThrows(SessionException.class, () -> restarted.commit(gone.id()));
    assertInstanceOf(SessionError.UnknownSession.class, e.error());
    assertEquals(SessionState.OPEN, f.ledger().find(kept.id()).orElseThrow().state());

    f.now = f.now.plus(Duration.ofHours(2));
    assertEquals(List.of(gone.id()), restarted.cleanupFinished());
    assertEquals(Optional.empty(), f.ledger().find(gone.id()));
  }

  @Test
  void withoutAReadableLedgerRecoveryRemovesNothingAndReportsIt() throws Exception {
    Fixture f = new Fixture(temp);
    SessionInfo info = f.sessions().begin(f.base.toString());
    WorkspaceSessions sessions = f.sessions();
    f.store().close();

    WorkspaceSessions.RecoveryReport report = sessions.recover();

    assertTrue(report.failed().containsKey(WorkspaceSessions.LEDGER), report.toString());
    assertEquals(List.of(), report.orphansRemoved());
    assertTrue(Files.isDirectory(f.sessionsRoot.resolve(info.id())), "not taken for an orphan");
    SessionException e = assertThrows(SessionException.class, () -> sessions.commit(info.id()));
    assertInstanceOf(SessionError.Io.class, e.error());
    assertTrue(e.getMessage().contains("brio.db"), e.getMessage());
  }

  @Test
  void aRowWhoseBaseWasChangedToPointOutsideTheRootsIsRefused() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Files.writeString(sessions.directory(info.id()).resolve("README.md"), "aimed elsewhere\n");
    Files.createDirectories(f.outside);
    Path alias = Files.createSymbolicLink(f.projects.resolve("alias"), f.outside);
    for (String tampered :
        List.of(
            f.outside.toRealPath().toString(),
            f.projects.toRealPath() + "/../outside",
            alias.toString())) {
      f.store()
          .execute(
              "UPDATE sessions SET base_path = ? WHERE id = ?",
              List.of(SqlValue.of(tampered), SqlValue.of(info.id())));

      SessionException e = assertThrows(SessionException.class, () -> sessions.commit(info.id()));
      assertInstanceOf(SessionError.OutsideRoots.class, e.error(), tampered);
    }
    assertFalse(Files.exists(f.outside.resolve("README.md")), "nothing written outside");
  }

  @Test
  void sessionsOfAnotherSessionsRootAreNeitherListedNorTouched() throws Exception {
    Fixture f = new Fixture(temp);
    SessionInfo elsewhere = f.sessions().begin(f.base.toString());
    Path otherRoot = temp.resolve("other-sessions");
    WorkspaceSessions other =
        f.sessions(VfsSettings.of(List.of(f.projects), otherRoot, f.ledger()));

    WorkspaceSessions.RecoveryReport report = other.recover();

    assertEquals(List.of(), report.directoryMissing());
    assertEquals(List.of(), other.list());
    SessionException e = assertThrows(SessionException.class, () -> other.abort(elsewhere.id()));
    assertInstanceOf(SessionError.UnknownSession.class, e.error());
    assertEquals(SessionState.OPEN, f.ledger().find(elsewhere.id()).orElseThrow().state());
  }
}
