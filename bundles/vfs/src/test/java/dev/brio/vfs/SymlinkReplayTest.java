package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal run again after a commit turned a directory into a symbolic link: its deletes of the
 * directory's old entries were applied before the link existed, and going through the link now
 * would delete files of the new state, or outside the base. Every replay leaves the base all-new.
 */
class SymlinkReplayTest {
  @TempDir Path temp;

  private static final CommitSteps STOP_BEFORE_DONE =
      reached -> {
        if (reached.equals("before-done")) {
          throw new IllegalStateException("stopped before done");
        }
      };

  /** The session replaces directory old/ (with old/legacy.txt) by a link to {@code target}. */
  private static void replaceOldByLink(Path session, Path target) throws Exception {
    Files.delete(session.resolve("old/legacy.txt"));
    Files.delete(session.resolve("old"));
    Files.createSymbolicLink(session.resolve("old"), target);
  }

  @Test
  void aReplayDoesNotDeleteThroughALinkTheCommitMade() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = new WorkspaceSessions(f.settings(), STOP_BEFORE_DONE, f.clock);
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    Files.writeString(session.resolve("docs/legacy.txt"), "new and precious\n");
    replaceOldByLink(session, Path.of("docs"));
    Map<String, String> allNew = Trees.describe(session);
    assertThrows(IllegalStateException.class, () -> sessions.commit(info.id()));

    f.sessions().recover();
    assertEquals(allNew, Trees.describe(f.base));
  }

  @Test
  void aReplayNeverDeletesOutsideTheBase() throws Exception {
    Fixture f = new Fixture(temp);
    Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    Files.writeString(elsewhere.resolve("legacy.txt"), "not the base's\n");
    WorkspaceSessions sessions = new WorkspaceSessions(f.settings(), STOP_BEFORE_DONE, f.clock);
    SessionInfo info = sessions.begin(f.base.toString());
    replaceOldByLink(sessions.directory(info.id()), elsewhere);
    assertThrows(IllegalStateException.class, () -> sessions.commit(info.id()));

    f.sessions().recover();
    assertTrue(Files.exists(elsewhere.resolve("legacy.txt")), "the file outside the base survives");
  }

  @Test
  void aDoneMarkLostAfterACompleteCommitReplaysToNoEffect() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    Files.writeString(session.resolve("docs/legacy.txt"), "new and precious\n");
    replaceOldByLink(session, Path.of("docs"));
    Map<String, String> allNew = Trees.describe(session);
    sessions.commit(info.id());
    // a power loss took back the done mark's rename, which is not synced
    Files.move(
        f.sessionsRoot.resolve(info.id() + SessionFiles.JOURNAL_DONE),
        f.sessionsRoot.resolve(info.id() + ".journal"));

    f.sessions().recover();
    assertEquals(allNew, Trees.describe(f.base));
  }
}
