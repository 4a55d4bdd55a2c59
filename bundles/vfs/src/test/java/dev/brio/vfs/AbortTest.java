package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Aborting a session whose commit failed midway never lets that commit land later, half or whole.
 */
class AbortTest {

  @TempDir Path temp;

  private static void edit(Path session) throws IOException {
    Trees.write(session, "README.md", "# changed by the agent\n");
    Trees.write(session, "src/main/New.java", "class New {}\n");
    Files.delete(session.resolve("docs/guide.txt"));
  }

  /** Entries of the base whose name marks them as a commit's staged files. */
  private static List<String> stageFiles(Path base) throws IOException {
    try (Stream<Path> all = Files.walk(base)) {
      return all.map(p -> base.relativize(p).toString())
          .filter(p -> p.contains(".brio-stage-"))
          .toList();
    }
  }

  /** What a commit in progress keeps beside the session (a finished one's done marker aside). */
  private static List<String> commitFiles(Path sessionsRoot, String id) throws IOException {
    try (Stream<Path> all = Files.list(sessionsRoot)) {
      return all.map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith(id + ".staging") || name.startsWith(id + ".journal"))
          .filter(name -> !name.equals(id + SessionFiles.JOURNAL_DONE))
          .toList();
    }
  }

  private static boolean empty(WorkspaceSessions.RecoveryReport report) {
    return report.rolledForward().isEmpty()
        && report.rolledBack().isEmpty()
        && report.orphansRemoved().isEmpty()
        && report.failed().isEmpty();
  }

  @Test
  void abortAfterACommitFailedPastItsJournalIsRefusedAndTheCommitCompleted() throws Exception {
    Fixture f = new Fixture(temp);
    Path readme = f.base.resolve("README.md");
    // An I/O error while the journal is applied: README.md has become a non-empty directory, so
    // the staged file cannot be moved over it.
    CommitSteps blockReadme =
        step -> {
          if (step.equals("after-commit-point")) {
            try {
              Files.delete(readme);
              Files.createDirectories(readme.resolve("blocker"));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        };
    WorkspaceSessions sessions = new WorkspaceSessions(f.settings(), blockReadme, f.clock);
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    edit(session);
    Map<String, String> allNew = Trees.describe(session);
    SessionException failed =
        assertThrows(SessionException.class, () -> sessions.commit(info.id()));
    assertInstanceOf(SessionError.Io.class, failed.error());
    // The I/O problem goes away.
    Files.delete(readme.resolve("blocker"));
    Files.delete(readme);
    Files.writeString(readme, "# sample\n");

    SessionException refused =
        assertThrows(SessionException.class, () -> sessions.abort(info.id()));

    assertInstanceOf(SessionError.UnknownSession.class, refused.error());
    assertTrue(refused.getMessage().contains("committed"), refused.getMessage());
    assertEquals(allNew, Trees.describe(f.base));
    assertEquals(SessionState.COMMITTED, sessions.list().getFirst().state());
    assertEquals(List.of(), commitFiles(f.sessionsRoot, info.id()));

    WorkspaceSessions restarted = f.sessions();
    assertTrue(empty(restarted.recover()));
    assertEquals(allNew, Trees.describe(f.base));
    assertEquals(SessionState.COMMITTED, restarted.list().getFirst().state());
  }

  @Test
  void abortAfterACommitFailedBeforeItsCommitPointRemovesTheStagedFiles() throws Exception {
    Fixture f = new Fixture(temp);
    Map<String, String> allOld = Trees.describe(f.base);
    CommitSteps failAfterJournal =
        step -> {
          if (step.equals("after-journal")) {
            throw new IllegalStateException("simulated failure before the commit point");
          }
        };
    WorkspaceSessions sessions = new WorkspaceSessions(f.settings(), failAfterJournal, f.clock);
    SessionInfo info = sessions.begin(f.base.toString());
    edit(sessions.directory(info.id()));
    assertThrows(IllegalStateException.class, () -> sessions.commit(info.id()));
    // The failing commit took its stages, journal and intent back itself.
    assertEquals(List.of(), stageFiles(f.base));
    assertEquals(List.of(), commitFiles(f.sessionsRoot, info.id()));
    // What a process killed before its commit point leaves: a stage and the intent naming it.
    String stage = "docs/.brio-stage-" + info.id() + "-0";
    Trees.write(f.base, stage, "staged\n");
    new StagingIntent(f.base.toRealPath(), List.of(stage))
        .write(f.sessionsRoot.resolve(info.id() + ".staging"));

    sessions.abort(info.id());

    assertEquals(List.of(), stageFiles(f.base));
    assertEquals(allOld, Trees.describe(f.base));
    assertEquals(SessionState.ABORTED, sessions.list().getFirst().state());
    assertEquals(List.of(), commitFiles(f.sessionsRoot, info.id()));

    WorkspaceSessions restarted = f.sessions();
    assertTrue(empty(restarted.recover()));
    assertEquals(allOld, Trees.describe(f.base));
    assertEquals(SessionState.ABORTED, restarted.list().getFirst().state());
  }

  @Test
  void cleanupRemovesWhatACommitOfTheSessionLeftBehind() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    sessions.abort(info.id());
    Map<String, String> before = Trees.describe(f.base);
    // What an earlier version's abort left: staged files, the staging intent and a journal.
    String stage = "docs/.brio-stage-" + info.id() + "-0";
    Trees.write(f.base, stage, "staged\n");
    new StagingIntent(f.base.toRealPath(), List.of(stage))
        .write(f.sessionsRoot.resolve(info.id() + ".staging"));
    new Journal(
            info.id(),
            f.base.toRealPath(),
            List.of(
                new JournalOp.Move(
                    stage,
                    "README.md",
                    Optional.of(
                        StagedContent.of(Entries.read(f.base.resolve(stage)).orElseThrow())))))
        .write(f.sessionsRoot.resolve(info.id() + ".journal"));
    f.now = f.now.plus(Duration.ofDays(1));

    assertEquals(List.of(info.id()), sessions.cleanupFinished());

    assertEquals(List.of(), commitFiles(f.sessionsRoot, info.id()));
    assertEquals(List.of(), stageFiles(f.base));
    assertEquals(before, Trees.describe(f.base));
    try (Stream<Path> left = Files.list(f.sessionsRoot)) {
      assertEquals(List.of(), left.toList());
    }
    assertTrue(empty(f.sessions().recover()));
    assertEquals(before, Trees.describe(f.base));
  }
}
