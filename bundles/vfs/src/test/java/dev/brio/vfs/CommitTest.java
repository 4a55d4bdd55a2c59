package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.ChangeKind;
import dev.brio.api.session.CommitResult;
import dev.brio.api.session.DiffMode;
import dev.brio.api.session.EntryType;
import dev.brio.api.session.PathChange;
import dev.brio.api.session.Rename;
import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitTest {

  @TempDir Path temp;

  /** Edits of every kind, made in the session directory. */
  static void editEverything(Path s) throws Exception {
    Files.writeString(s.resolve("README.md"), "# sample, edited\n"); // modified
    Trees.write(s, "src/main/feature/deep/New.java", "class New {}\n"); // added, new dirs
    Files.delete(s.resolve("docs/guide.txt")); // deleted, docs/ stays (now empty)
    Trees.chmod(s.resolve("src/main/App.java"), "rwxr--r--"); // mode only
    Files.delete(s.resolve("link-to-app"));
    Files.createSymbolicLink(s.resolve("link-to-app"), Path.of("README.md")); // link retargeted
    Trees.writeBytes(s, "assets/data.bin", new byte[] {0, 0, 7, (byte) 0x80}); // binary added
    Files.move(s.resolve("src/main/util/Strings.java"), s.resolve("src/Strings.java")); // rename
    Files.delete(s.resolve("old/legacy.txt"));
    Files.delete(s.resolve("old")); // directory deleted
    Files.createDirectories(s.resolve("fresh/empty")); // empty directories added
    Files.delete(s.resolve("empty/nested-empty"));
    Trees.write(s, "empty/nested-empty", "now a file\n"); // directory -> file
    Files.delete(s.resolve("bin/run.sh"));
    Files.createDirectories(s.resolve("bin/run.sh")); // file -> directory
    Trees.write(s, "bin/run.sh/inside.txt", "inside\n");
    Files.delete(s.resolve("dangling"));
    Trees.write(s, "dangling", "link -> file\n"); // symlink -> file
  }

  @Test
  void commitAppliesExactlyTheSessionsChanges() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    editEverything(session);
    Map<String, String> expected = Trees.describe(session);

    CommitResult result = sessions.commit(info.id());

    assertEquals(expected, Trees.describe(f.base));
    assertTrue(Files.exists(f.base.resolve(".git/HEAD")), "the base's .git is left alone");
    Map<String, ChangeKind> kinds =
        result.changes().stream().collect(Collectors.toMap(PathChange::path, PathChange::kind));
    assertEquals(ChangeKind.MODIFIED, kinds.get("README.md"));
    assertEquals(ChangeKind.ADDED, kinds.get("src/main/feature/deep/New.java"));
    assertEquals(ChangeKind.ADDED, kinds.get("src/main/feature"));
    assertEquals(ChangeKind.DELETED, kinds.get("docs/guide.txt"));
    assertEquals(ChangeKind.MODE_CHANGED, kinds.get("src/main/App.java"));
    assertEquals(ChangeKind.MODIFIED, kinds.get("link-to-app"));
    assertEquals(ChangeKind.DELETED, kinds.get("old"));
    assertEquals(ChangeKind.TYPE_CHANGED, kinds.get("empty/nested-empty"));
    assertEquals(ChangeKind.TYPE_CHANGED, kinds.get("bin/run.sh"));
    assertEquals(ChangeKind.TYPE_CHANGED, kinds.get("dangling"));
    assertFalse(kinds.containsKey("docs"), "an unchanged directory is no change");
    PathChange binary =
        result.changes().stream().filter(c -> c.path().equals("assets/data.bin")).findFirst().get();
    assertEquals(new PathChange("assets/data.bin", ChangeKind.ADDED, EntryType.FILE, true), binary);
    assertEquals(
        List.of(new Rename("src/main/util/Strings.java", "src/Strings.java")), result.renames());
    assertEquals(result.gitCommit(), java.util.Optional.empty());
    assertEquals(SessionState.COMMITTED, sessions.list().getFirst().state());
    // the done marker stays with the session until it is discarded (see Committer.finish)
    assertTrue(Files.exists(f.sessionsRoot.resolve(info.id() + ".journal-done")));
    assertFalse(Files.exists(f.sessionsRoot.resolve(info.id() + ".journal")));
    assertFalse(Files.exists(f.sessionsRoot.resolve(info.id() + ".staging")));
  }

  @Test
  void aConflictAppliesNothingListsThePathsAndKeepsTheSessionOpen() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    Files.writeString(session.resolve("README.md"), "session's readme\n");
    Files.writeString(session.resolve("docs/guide.txt"), "session's guide\n");
    Trees.write(session, "new/thing.txt", "new\n");
    // The base moves at two of the same paths, and adds the same new path differently.
    Files.writeString(f.base.resolve("README.md"), "someone else's readme\n");
    Files.delete(f.base.resolve("docs/guide.txt"));
    Trees.write(f.base, "new/thing.txt", "other\n");
    Map<String, String> baseBefore = Trees.describe(f.base);

    SessionException e = assertThrows(SessionException.class, () -> sessions.commit(info.id()));

    SessionError.Conflict conflict = assertInstanceOf(SessionError.Conflict.class, e.error());
    assertEquals(List.of("README.md", "docs/guide.txt", "new/thing.txt"), conflict.paths());
    assertEquals(baseBefore, Trees.describe(f.base));
    assertEquals(SessionState.OPEN, sessions.list().getFirst().state());

    sessions.abort(info.id());
    assertEquals(SessionState.ABORTED, sessions.list().getFirst().state());
    assertEquals(baseBefore, Trees.describe(f.base));
    SessionException again = assertThrows(SessionException.class, () -> sessions.commit(info.id()));
    assertInstanceOf(SessionError.UnknownSession.class, again.error());
  }

  @Test
  void aConflictCanBeRetriedOnceTheBaseAgreesAgain() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Files.writeString(sessions.directory(info.id()).resolve("README.md"), "mine\n");
    Files.writeString(f.base.resolve("README.md"), "theirs\n");
    assertThrows(SessionException.class, () -> sessions.commit(info.id()));

    Files.writeString(f.base.resolve("README.md"), "# sample\n"); // the other edit is undone

    sessions.commit(info.id());
    assertEquals("mine\n", Files.readString(f.base.resolve("README.md")));
  }

  @Test
  void baseChangesElsewhereAreNoConflictAndAreKept() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    Files.writeString(session.resolve("README.md"), "session's readme\n");
    Trees.write(session, "src/main/Added.java", "class Added {}\n");
    Files.writeString(f.base.resolve("docs/guide.txt"), "edited in the base\n");
    Trees.write(f.base, "src/main/BaseOnly.java", "class BaseOnly {}\n");
    Trees.write(f.base, "elsewhere/new.txt", "base\n");

    sessions.commit(info.id());

    assertEquals("session's readme\n", Files.readString(f.base.resolve("README.md")));
    assertEquals("class Added {}\n", Files.readString(f.base.resolve("src/main/Added.java")));
    assertEquals("edited in the base\n", Files.readString(f.base.resolve("docs/guide.txt")));
    assertTrue(Files.exists(f.base.resolve("src/main/BaseOnly.java")));
    assertTrue(Files.exists(f.base.resolve("elsewhere/new.txt")));
  }

  @Test
  void removingADirectoryInWhichTheBaseAddedAFileIsAConflict() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    Files.delete(session.resolve("old/legacy.txt"));
    Files.delete(session.resolve("old"));
    Trees.write(f.base, "old/newer.txt", "base\n");

    SessionException e = assertThrows(SessionException.class, () -> sessions.commit(info.id()));

    assertEquals(
        List.of("old/newer.txt"), assertInstanceOf(SessionError.Conflict.class, e.error()).paths());
  }

  @Test
  void aBaseDirectorySwappedForAnOutwardSymlinkIsNeverWrittenThrough() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Files.writeString(sessions.directory(info.id()).resolve("docs/guide.txt"), "session\n");
    Files.delete(f.base.resolve("docs/guide.txt"));
    Files.delete(f.base.resolve("docs"));
    Files.createSymbolicLink(f.base.resolve("docs"), f.outside);
    Trees.write(f.outside, "guide.txt", "outside stays\n");

    SessionException e = assertThrows(SessionException.class, () -> sessions.commit(info.id()));

    assertInstanceOf(SessionError.Conflict.class, e.error());
    assertEquals("outside stays\n", Files.readString(f.outside.resolve("guide.txt")));
  }

  @Test
  void touchedPathDiffEqualsFullRescan() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString(), true);
    Path session = sessions.directory(info.id());
    editEverything(session);
    for (String touched :
        List.of(
            "README.md",
            "src/main/feature/deep/New.java",
            "docs/guide.txt",
            "src/main/App.java",
            "link-to-app",
            "assets/data.bin",
            "src/main/util/Strings.java",
            "src/Strings.java",
            "old",
            "fresh/empty",
            "empty/nested-empty",
            "bin/run.sh",
            "dangling")) {
      sessions.recordTouched(info.id(), touched);
    }

    List<PathChange> touched = sessions.changes(info.id(), DiffMode.TOUCHED);
    List<PathChange> full = sessions.changes(info.id(), DiffMode.FULL_RESCAN);

    assertEquals(full, touched);
    Map<String, String> expected = Trees.describe(session);
    sessions.commit(info.id());
    assertEquals(expected, Trees.describe(f.base));
  }

  @Test
  void touchedModeLooksOnlyAtTouchedPaths() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString(), true);
    Path session = sessions.directory(info.id());
    Files.writeString(session.resolve("README.md"), "reported\n");
    Files.writeString(session.resolve("docs/guide.txt"), "not reported\n");
    sessions.recordTouched(info.id(), "./README.md");

    assertEquals(java.util.Set.of("README.md"), sessions.touched(info.id()));
    assertEquals(
        List.of("README.md"),
        sessions.changes(info.id(), DiffMode.TOUCHED).stream().map(PathChange::path).toList());
    assertEquals(2, sessions.changes(info.id(), DiffMode.FULL_RESCAN).size());
    SessionException e =
        assertThrows(
            SessionException.class, () -> sessions.recordTouched(info.id(), "../escape.txt"));
    assertInstanceOf(SessionError.Io.class, e.error());
  }

  @Test
  void aSessionWithoutChangesCommitsNothing() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    Map<String, String> before = Trees.describe(f.base);
    SessionInfo info = sessions.begin(f.base.toString());
    CommitResult result = sessions.commit(info.id());
    assertEquals(List.of(), result.changes());
    assertEquals(before, Trees.describe(f.base));
  }

  @Test
  void aCommitThatFailedAfterItsJournalIsFinishedBeforeAnythingElse() throws Exception {
    Fixture f = new Fixture(temp);
    boolean[] failed = {false};
    CommitSteps failOnceAfterFirstStep =
        step -> {
          if (step.equals("after-op-1") && !failed[0]) {
            failed[0] = true;
            throw new IllegalStateException("simulated failure midway");
          }
        };
    WorkspaceSessions sessions =
        new WorkspaceSessions(f.settings(), failOnceAfterFirstStep, f.clock);
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    editEverything(session);
    Map<String, String> expected = Trees.describe(session);
    assertThrows(IllegalStateException.class, () -> sessions.commit(info.id()));

    SessionException e = assertThrows(SessionException.class, () -> sessions.commit(info.id()));

    assertInstanceOf(SessionError.UnknownSession.class, e.error());
    assertEquals(expected, Trees.describe(f.base));
    assertEquals(SessionState.COMMITTED, sessions.list().getFirst().state());
  }

  @Test
  void touchedPathsBelowASymlinkAreNeverReadThroughIt() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString(), true);
    // escape-dir -> outside/, which holds secret.txt
    sessions.recordTouched(info.id(), "escape-dir/secret.txt");

    assertEquals(List.of(), sessions.changes(info.id(), DiffMode.TOUCHED));
    sessions.commit(info.id());
    assertTrue(Files.isSymbolicLink(f.base.resolve("escape-dir")));
    assertEquals("do not copy me\n", Files.readString(f.outside.resolve("secret.txt")));
  }

  @Test
  void aSymlinkInTheSessionIsCommittedAsALinkNotAsTheContentItPointsTo() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    Path secret = f.outside.resolve("secret.txt");
    Files.createSymbolicLink(session.resolve("passwd"), secret);

    sessions.commit(info.id());

    assertTrue(Files.isSymbolicLink(f.base.resolve("passwd")));
    assertEquals(secret, Files.readSymbolicLink(f.base.resolve("passwd")));
  }

  @Test
  void twoSessionsOnOneBaseCommitOneAfterTheOtherAndTheSecondSeesTheConflict() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo first = sessions.begin(f.base.toString());
    SessionInfo second = sessions.begin(f.base.toString());
    Files.writeString(sessions.directory(first.id()).resolve("README.md"), "first\n");
    Files.writeString(sessions.directory(second.id()).resolve("README.md"), "second\n");
    Files.writeString(sessions.directory(second.id()).resolve("docs/guide.txt"), "second\n");

    sessions.commit(first.id());
    SessionException e = assertThrows(SessionException.class, () -> sessions.commit(second.id()));

    assertEquals(
        List.of("README.md"), assertInstanceOf(SessionError.Conflict.class, e.error()).paths());
    assertEquals("first\n", Files.readString(f.base.resolve("README.md")));
    assertEquals("guide\n", Files.readString(f.base.resolve("docs/guide.txt")));
  }
}
