package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sessions a Brio before the ledger kept as {@code <id>.session} and {@code <id>.snapshot} files
 * are imported into {@code brio.db} on the first start, once, and their files removed.
 */
class LegacyImportTest {

  @TempDir Path temp;

  /**
   * Turns a session begun here into what the earlier version left on disk: its row becomes the two
   * files it wrote (properties record, checksummed snapshot in the same encoding), nothing in the
   * db.
   */
  private static void asLegacyFiles(Fixture f, String id, boolean withSnapshot) throws Exception {
    SessionRecord record = f.ledger().find(id).orElseThrow();
    byte[] snapshot = f.ledger().snapshot(id).orElseThrow();
    StringBuilder properties = new StringBuilder("#Brio workspace session\n");
    properties.append("id=").append(id).append('\n');
    properties.append("base=").append(record.basePath()).append('\n');
    properties.append("state=").append(record.state().name()).append('\n');
    properties.append("createdAt=").append(record.createdAt()).append('\n');
    record.finishedAt().ifPresent(at -> properties.append("finishedAt=").append(at).append('\n'));
    properties.append("trackTouched=").append(record.trackTouched()).append('\n');
    Files.writeString(
        f.sessionsRoot.resolve(id + ".session"), properties, StandardCharsets.ISO_8859_1);
    if (withSnapshot) {
      Files.write(f.sessionsRoot.resolve(id + ".snapshot"), snapshot);
    }
    assertTrue(f.ledger().delete(id));
  }

  private static SessionRecord unowned(SessionRecord record) {
    return new SessionRecord(
        record.id(),
        record.basePath(),
        record.directory(),
        Optional.empty(),
        record.state(),
        record.trackTouched(),
        record.createdAt(),
        record.finishedAt());
  }

  @Test
  void openAndFinishedSessionsAreImportedOnceAndTheirFilesRemoved() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions before = f.sessions();
    // owned here, but the files of a Brio before the ledger cannot say who began a session
    SessionInfo open = before.begin(f.base.toString(), true, Optional.of("coder"));
    SessionInfo aborted = before.begin(f.base.toString());
    before.abort(aborted.id());
    SessionRecord openRecord = f.ledger().find(open.id()).orElseThrow();
    byte[] openSnapshot = f.ledger().snapshot(open.id()).orElseThrow();
    asLegacyFiles(f, open.id(), true);
    asLegacyFiles(f, aborted.id(), false); // finished: its snapshot no longer matters
    assertEquals(List.of(), f.ledger().records());

    WorkspaceSessions restarted = f.sessions();
    WorkspaceSessions.RecoveryReport report = restarted.recover();

    assertEquals(List.of(open.id(), aborted.id()).stream().sorted().toList(), report.imported());
    assertEquals(List.of(), report.orphansRemoved(), "imported directories are sessions");
    assertEquals(Optional.of(unowned(openRecord)), f.ledger().find(open.id()));
    assertTrue(java.util.Arrays.equals(openSnapshot, f.ledger().snapshot(open.id()).orElseThrow()));
    SessionRecord abortedRecord = f.ledger().find(aborted.id()).orElseThrow();
    assertEquals(SessionState.ABORTED, abortedRecord.state());
    assertEquals(Optional.of(f.now), abortedRecord.finishedAt());
    for (String id : List.of(open.id(), aborted.id())) {
      assertFalse(Files.exists(f.sessionsRoot.resolve(id + ".session")), id + ".session");
      assertFalse(Files.exists(f.sessionsRoot.resolve(id + ".snapshot")), id + ".snapshot");
    }

    // The imported open session works: its snapshot diffs and commits.
    Files.writeString(restarted.directory(open.id()).resolve("README.md"), "imported\n");
    restarted.commit(open.id());
    assertEquals("imported\n", Files.readString(f.base.resolve("README.md")));

    // Once: a second start finds nothing to import.
    assertEquals(List.of(), f.sessions().recover().imported());
  }

  @Test
  void anImportInterruptedAfterTheRowIsFinishedByTheNextStart() throws Exception {
    Fixture f = new Fixture(temp);
    SessionInfo info = f.sessions().begin(f.base.toString());
    asLegacyFiles(f, info.id(), true);
    // As if the earlier import died after adding the row but before removing the files.
    Path record = f.sessionsRoot.resolve(info.id() + ".session");
    byte[] recordFile = Files.readAllBytes(record);
    f.sessions().recover();
    Files.write(record, recordFile);

    WorkspaceSessions.RecoveryReport report = f.sessions().recover();

    assertEquals(List.of(info.id()), report.imported());
    assertTrue(report.failed().isEmpty(), report.failed().toString());
    assertFalse(Files.exists(record));
    assertEquals(1, f.ledger().records().size());
  }

  @Test
  void aSnapshotWithoutItsRecordIsABeginThatNeverCompleted() throws Exception {
    Fixture f = new Fixture(temp);
    String id = "0e0e0e0e-0000-4000-8000-000000000001";
    Files.createDirectories(f.sessionsRoot.resolve(id).resolve("half-copied"));
    Files.write(f.sessionsRoot.resolve(id + ".snapshot"), new byte[] {1, 2, 3});

    WorkspaceSessions.RecoveryReport report = f.sessions().recover();

    assertEquals(List.of(), report.imported());
    assertEquals(List.of(id), report.orphansRemoved());
    assertFalse(Files.exists(f.sessionsRoot.resolve(id + ".snapshot")));
    assertFalse(Files.exists(f.sessionsRoot.resolve(id)));
  }

  @Test
  void anUnreadableRecordIsReportedAndKeptWithItsDirectory() throws Exception {
    Fixture f = new Fixture(temp);
    SessionInfo info = f.sessions().begin(f.base.toString());
    asLegacyFiles(f, info.id(), true);
    Path record = f.sessionsRoot.resolve(info.id() + ".session");
    Files.writeString(record, "id=" + info.id() + "\nstate=SLEEPING\n");
    SessionInfo healthy = f.sessions().begin(f.base.toString());

    WorkspaceSessions.RecoveryReport report = f.sessions().recover();

    assertEquals(List.of(), report.imported());
    assertEquals(List.of(info.id()), List.copyOf(report.failed().keySet()));
    assertTrue(
        report.failed().get(info.id()).getMessage().contains(record.toString()),
        report.failed().get(info.id()).getMessage());
    assertTrue(Files.exists(record), "left for a later start");
    assertTrue(Files.exists(f.sessionsRoot.resolve(info.id() + ".snapshot")));
    assertTrue(Files.isDirectory(f.sessionsRoot.resolve(info.id())), "not taken for an orphan");
    assertEquals(List.of(healthy.id()), f.sessions().list().stream().map(s -> s.id()).toList());
  }

  @Test
  void anOpenSessionWithoutItsSnapshotIsNotImported() throws Exception {
    Fixture f = new Fixture(temp);
    f.now = Instant.parse("2026-02-01T00:00:00Z");
    SessionInfo info = f.sessions().begin(f.base.toString());
    asLegacyFiles(f, info.id(), false);

    WorkspaceSessions.RecoveryReport report = f.sessions().recover();

    assertTrue(report.failed().containsKey(info.id()), report.toString());
    assertTrue(report.failed().get(info.id()).getMessage().contains("no snapshot"));
    assertEquals(Optional.empty(), f.ledger().find(info.id()));
  }
}
