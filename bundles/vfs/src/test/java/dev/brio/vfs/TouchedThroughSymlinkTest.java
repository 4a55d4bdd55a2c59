package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.ChangeKind;
import dev.brio.api.session.CommitResult;
import dev.brio.api.session.DiffMode;
import dev.brio.api.session.PathChange;
import dev.brio.api.session.SessionInfo;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A guest working in a session through a bound workspace writes through a symlinked directory, a
 * {@code ..} after it, and a hard link. The touched-mode commit looks only at the recorded paths
 * and never reads through a symlink, so it applies those writes only if the recorder gave the real
 * paths. The paths recorded here are exactly what a bound {@code WorkspaceRoot} reports for these
 * calls (pinned by brio-wasi's {@code
 * WorkspaceRealPathTest.theSessionScenarioIsReportedByRealPaths}; this module cannot load the wasi
 * bundle, so the calls are made here on the host, which follows the links as the kernel did for the
 * guest).
 */
class TouchedThroughSymlinkTest {

  @TempDir Path temp;

  /** What a bound workspace reports for {@link #writeThroughALink}, in order. */
  private static final List<String> REAL_PATHS =
      List.of(
          "link",
          "src/main/Sneaky.java",
          "src/main/Sneaky.java",
          "src/x.txt",
          "src/x.txt",
          "src/main/App.java",
          "src/Copy.java",
          "src/Copy.java",
          "src/Copy.java");

  /**
   * The guest's calls: {@code symlink-at("src/main", "link")}, then creating writes through {@code
   * link/Sneaky.java} and {@code link/../x.txt}, and {@code link-at("link/App.java",
   * "link/../Copy.java")} followed by a write through the new name.
   */
  private static void writeThroughALink(Path session) throws Exception {
    Files.createSymbolicLink(session.resolve("link"), Path.of("src/main"));
    Files.writeString(session.resolve("link/Sneaky.java"), "class Sneaky {}\n");
    Files.writeString(session.resolve("link/../x.txt"), "beside main\n");
    Files.createLink(session.resolve("link/../Copy.java"), session.resolve("link/App.java"));
    Files.writeString(session.resolve("src/Copy.java"), "class App { int changed; }\n");
  }

  @Test
  void theRealPathsCommitWhatWasWrittenThroughASymlinkedDirectory() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString(), true);
    Path session = sessions.directory(info.id());
    writeThroughALink(session);
    for (String path : REAL_PATHS) {
      sessions.recordTouched(info.id(), path);
    }
    Map<String, String> expected = Trees.describe(session);

    assertEquals(
        sessions.changes(info.id(), DiffMode.FULL_RESCAN),
        sessions.changes(info.id(), DiffMode.TOUCHED));
    CommitResult result = sessions.commit(info.id());

    assertEquals(expected, Trees.describe(f.base));
    assertEquals("class Sneaky {}\n", Files.readString(f.base.resolve("src/main/Sneaky.java")));
    assertEquals("beside main\n", Files.readString(f.base.resolve("src/x.txt")));
    assertEquals(
        "class App { int changed; }\n", Files.readString(f.base.resolve("src/main/App.java")));
    assertEquals("class App { int changed; }\n", Files.readString(f.base.resolve("src/Copy.java")));
    assertTrue(Files.isSymbolicLink(f.base.resolve("link")));
    assertTrue(Files.isDirectory(f.base.resolve("src/main"), LinkOption.NOFOLLOW_LINKS));
    Map<String, ChangeKind> kinds =
        result.changes().stream().collect(Collectors.toMap(PathChange::path, PathChange::kind));
    assertEquals(
        Map.of(
            "link", ChangeKind.ADDED,
            "src/main/Sneaky.java", ChangeKind.ADDED,
            "src/x.txt", ChangeKind.ADDED,
            "src/Copy.java", ChangeKind.ADDED,
            "src/main/App.java", ChangeKind.MODIFIED),
        kinds);
  }

  /**
   * Why the workspace must not report the names the guest used: under them the touched diff sees
   * only the link (it never reads through one) and a commit would drop the rest without a word.
   */
  @Test
  void theNamesTheGuestUsedWouldHideTheWritesBehindTheLink() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString(), true);
    writeThroughALink(sessions.directory(info.id()));
    // the guest's names, "link/.." taken away by the name alone
    for (String path : List.of("link", "link/Sneaky.java", "x.txt", "Copy.java")) {
      sessions.recordTouched(info.id(), path);
    }

    assertEquals(
        List.of("link"),
        sessions.changes(info.id(), DiffMode.TOUCHED).stream().map(PathChange::path).toList());
    assertEquals(
        List.of("link", "src/Copy.java", "src/main/App.java", "src/main/Sneaky.java", "src/x.txt"),
        sessions.changes(info.id(), DiffMode.FULL_RESCAN).stream()
            .map(PathChange::path)
            .sorted()
            .toList());
  }

  /**
   * A workspace that cannot tell where a change landed reports {@code ""}: the session then looks
   * at everything, so even a write behind the link is committed.
   */
  @Test
  void anUntoldPathMakesTheCommitLookAtTheWholeSession() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString(), true);
    Path session = sessions.directory(info.id());
    writeThroughALink(session);
    sessions.recordTouched(info.id(), "");
    Map<String, String> expected = Trees.describe(session);

    assertEquals(
        sessions.changes(info.id(), DiffMode.FULL_RESCAN),
        sessions.changes(info.id(), DiffMode.TOUCHED));
    sessions.commit(info.id());

    assertEquals(expected, Trees.describe(f.base));
    assertEquals("class Sneaky {}\n", Files.readString(f.base.resolve("src/main/Sneaky.java")));
  }
}
