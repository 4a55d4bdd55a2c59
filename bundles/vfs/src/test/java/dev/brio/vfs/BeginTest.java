package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeginTest {

  @TempDir Path temp;

  @Test
  void copiesTheTreeFaithfullyWithoutGitAndWithoutFollowingLinks() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();

    SessionInfo info = sessions.begin(f.base.toString());

    Path copy = sessions.directory(info.id());
    Map<String, String> expected = Trees.describe(f.base);
    assertEquals(expected, Trees.describe(copy));
    assertFalse(Files.exists(copy.resolve(".git")), ".git is not copied");
    // Links stay links with their target text, even when they point out of the base.
    assertTrue(Files.isSymbolicLink(copy.resolve("escape")));
    assertTrue(Files.isSymbolicLink(copy.resolve("escape-dir")));
    assertEquals(f.outside.resolve("secret.txt"), Files.readSymbolicLink(copy.resolve("escape")));
    assertTrue(Files.isSymbolicLink(copy.resolve("dangling")));
    assertTrue(Files.isDirectory(copy.resolve("empty/nested-empty"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isExecutable(copy.resolve("bin/run.sh")));
    assertEquals(SessionState.OPEN, info.state());
    assertEquals(f.base.toRealPath().toString(), info.basePath());
  }

  @Test
  void recordsTheSnapshotWithGitBlobIdsDurably() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());

    Snapshot snapshot = f.snapshot(info.id());

    // `git hash-object` of "# sample\n"
    assertEquals(
        "4e31d2f35c5f9ca6648f9a999753a9429e22210f",
        snapshot.entries().get("README.md").id().name());
    assertEquals(Entries.linkId("src/main/App.java"), snapshot.entries().get("link-to-app").id());
    assertEquals(0755, snapshot.entries().get("bin/run.sh").mode());
    assertTrue(snapshot.entries().get("empty/nested-empty").isDirectory());
    assertFalse(snapshot.entries().keySet().stream().anyMatch(p -> p.startsWith(".git")));
  }

  @Test
  void refusesABaseOutsideTheAllowedRoots() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();

    assertOutside(sessions, f.outside.toString());
    // Through '..' out of the allowed root.
    assertOutside(sessions, f.projects.resolve("app/../../outside").toString());
    // Through a symlink inside the allowed root that points out of it.
    Path sneaky = Files.createSymbolicLink(f.projects.resolve("sneaky"), f.outside);
    assertOutside(sessions, sneaky.toString());
    assertEquals(List.of(), sessions.list());
  }

  @Test
  void refusesEverythingWithoutAllowedRoots() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions(VfsSettings.of(List.of(), f.sessionsRoot, f.ledger()));
    assertOutside(sessions, f.base.toString());
  }

  @Test
  void refusesAMissingBaseAsAnIoError() throws Exception {
    Fixture f = new Fixture(temp);
    SessionException e =
        assertThrows(
            SessionException.class,
            () -> f.sessions().begin(f.projects.resolve("missing").toString()));
    assertInstanceOf(SessionError.Io.class, e.error());
  }

  @Test
  void aSymlinkBaseInsideTheRootsIsResolvedToItsTarget() throws Exception {
    Fixture f = new Fixture(temp);
    Path alias = Files.createSymbolicLink(f.projects.resolve("alias"), f.base);
    SessionInfo info = f.sessions().begin(alias.toString());
    assertEquals(f.base.toRealPath().toString(), info.basePath());
  }

  private static void assertOutside(WorkspaceSessions sessions, String base) {
    SessionException e = assertThrows(SessionException.class, () -> sessions.begin(base));
    assertInstanceOf(SessionError.OutsideRoots.class, e.error(), e.getMessage());
  }
}
