package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.EntryType;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of a journal in the states a crash or a power loss can leave it in, beyond what killing
 * a process can show: torn, with a stage that never reached the disk, run twice, run after a part
 * of it, with its done mark lost, and one the base no longer agrees with.
 */
class JournalRecoveryTest {

  @TempDir Path temp;

  private Fixture f;
  private SessionInfo info;
  private Map<String, String> allOld;
  private Map<String, String> allNew;

  /** A session with every kind of change whose commit stopped (threw) at {@code step}. */
  private void interruptedAt(String step) throws Exception {
    interruptedAt(step, CommitTest::editEverything);
  }

  @FunctionalInterface
  private interface Edit {
    void apply(Path session) throws Exception;
  }

  private void interruptedAt(String step, Edit edit) throws Exception {
    f = new Fixture(temp);
    allOld = Trees.describe(f.base);
    CommitSteps stop =
        reached -> {
          if (reached.equals(step)) {
            throw new IllegalStateException("stopped at " + step);
          }
        };
    WorkspaceSessions sessions = new WorkspaceSessions(f.settings(), stop, f.clock);
    info = sessions.begin(f.base.toString());
    edit.apply(sessions.directory(info.id()));
    allNew = Trees.describe(sessions.directory(info.id()));
    assertThrows(IllegalStateException.class, () -> sessions.commit(info.id()));
  }

  private Path journalFile() {
    return f.sessionsRoot.resolve(info.id() + ".journal");
  }

  private Journal journal() throws IOException {
    return Journal.read(journalFile());
  }

  private void assertRolledBack(WorkspaceSessions.RecoveryReport report) throws IOException {
    assertEquals(List.of(info.id()), report.rolledBack());
    assertEquals(allOld, Trees.describe(f.base), "all-old, no stage left");
    assertEquals(SessionState.OPEN, f.sessions().list().getFirst().state());
    assertFalse(Files.exists(journalFile()));
    assertFalse(Files.exists(f.sessionsRoot.resolve(info.id() + ".staging")));
  }

  private void assertRolledForward(WorkspaceSessions.RecoveryReport report) throws IOException {
    assertEquals(List.of(info.id()), report.rolledForward());
    assertEquals(allNew, Trees.describe(f.base));
    assertEquals(SessionState.COMMITTED, f.sessions().list().getFirst().state());
    try (Stream<Path> left = Files.list(f.sessionsRoot)) {
      assertEquals(
          List.of(),
          left.filter(p -> p.getFileName().toString().startsWith(info.id() + "."))
              .filter(p -> !p.getFileName().toString().endsWith(".journal-done"))
              .toList());
    }
  }

  @Test
  void aTornJournalWasNeverAppliedAndIsRolledBack() throws Exception {
    interruptedAt("after-commit-point");
    byte[] complete = Files.readAllBytes(journalFile());
    Files.write(journalFile(), Arrays.copyOf(complete, complete.length / 2));

    assertRolledBack(f.sessions().recover());
  }

  @Test
  void aJournalWhoseStageLostItsContentIsRolledBack() throws Exception {
    interruptedAt("after-commit-point");
    // A power loss before the round that syncs stages and journal: the journal reached the disk,
    // a staged file's blocks did not (ext4 with delayed allocation leaves it empty).
    Path stage = stagedFile();
    Files.write(stage, new byte[0]);

    assertRolledBack(f.sessions().recover());
  }

  @Test
  void aJournalWhoseStageNeverAppearedIsRolledBack() throws Exception {
    interruptedAt("after-commit-point");
    Files.delete(stagedFile());

    assertRolledBack(f.sessions().recover());
  }

  @Test
  void aJournalWhoseStagedDirectoryIsIncompleteIsRolledBack() throws Exception {
    interruptedAt("after-commit-point");
    JournalOp.Move directory =
        journal().moves().stream()
            .filter(m -> m.content().orElseThrow().entry().isDirectory())
            .filter(m -> !m.content().orElseThrow().inside().isEmpty())
            .findFirst()
            .orElseThrow();
    Path stage = f.base.resolve(directory.stage());
    String inner =
        directory.content().orElseThrow().inside().entrySet().stream()
            .filter(e -> !e.getValue().isDirectory())
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    Files.delete(stage.resolve(inner));

    assertRolledBack(f.sessions().recover());
  }

  @Test
  void aRollForwardRunTwiceChangesNothingTheSecondTime() throws Exception {
    interruptedAt("after-commit-point");
    Journal journal = journal();

    Committer.rollForward(journal, CommitSteps.none());
    assertEquals(allNew, Trees.describe(f.base));
    Committer.rollForward(journal, CommitSteps.none());
    assertEquals(allNew, Trees.describe(f.base));
    // and recovery, finding the journal not marked done, runs it a third time
    assertRolledForward(f.sessions().recover());
  }

  @Test
  void aRollForwardAfterAPartlyAppliedOneCompletesIt() throws Exception {
    interruptedAt("after-op-5");
    Journal journal = journal();
    assertEquals(JournalCheck.Verdict.ROLL_FORWARD, JournalCheck.of(journal));

    // A second interrupted run, stopping later, then recovery: each starts from the first step.
    assertThrows(
        IllegalStateException.class,
        () ->
            Committer.rollForward(
                journal,
                step -> {
                  if (step.equals("after-op-9")) {
                    throw new IllegalStateException("stopped again");
                  }
                }));
    assertRolledForward(f.sessions().recover());
  }

  @Test
  void aLostDoneMarkMeansTheJournalRunsAgainToNoEffect() throws Exception {
    interruptedAt("after-done");
    // The mark is a rename nobody syncs: after a power loss the journal may be back.
    Files.move(f.sessionsRoot.resolve(info.id() + ".journal-done"), journalFile());

    assertRolledForward(f.sessions().recover());
  }

  @Test
  void aJournalTheBaseNoLongerAgreesWithIsReportedAndKept() throws Exception {
    interruptedAt("after-op-9");
    // Someone rewrote a file the commit had already replaced, and a stage is gone too: neither
    // way is safe any more.
    assertEquals("# sample, edited\n", Files.readString(f.base.resolve("README.md")));
    Files.writeString(f.base.resolve("README.md"), "# edited outside\n");
    Files.delete(stagedFile());

    WorkspaceSessions.RecoveryReport report = f.sessions().recover();

    assertEquals(List.of(info.id()), List.copyOf(report.failed().keySet()));
    assertTrue(
        report.failed().get(info.id()).getMessage().contains("neither forward nor back"),
        report.failed().get(info.id()).getMessage());
    assertTrue(Files.exists(journalFile()), "kept for an operator");
  }

  @Test
  void aJournalOfFormatOneIsStillRolledForward() throws Exception {
    interruptedAt("after-commit-point");
    // What versions before format 2 wrote (no staged content: their stages were synced first).
    Journal current = journal();
    Files.write(
        journalFile(),
        ChecksummedRecord.encode(
            "brio-journal-1",
            out -> {
              ChecksummedRecord.writeString(out, current.sessionId());
              ChecksummedRecord.writeString(out, current.base().toString());
              out.writeInt(current.ops().size());
              for (JournalOp op : current.ops()) {
                switch (op) {
                  case JournalOp.Delete(String path, var type) -> {
                    out.writeByte('D');
                    ChecksummedRecord.writeString(out, path);
                    out.writeByte(type.ordinal());
                  }
                  case JournalOp.Move(String stage, String target, var _) -> {
                    out.writeByte('M');
                    ChecksummedRecord.writeString(out, stage);
                    ChecksummedRecord.writeString(out, target);
                  }
                  case JournalOp.Chmod(String path, int mode) -> {
                    out.writeByte('C');
                    ChecksummedRecord.writeString(out, path);
                    out.writeInt(mode);
                  }
                }
              }
            }));
    assertTrue(journal().moves().stream().allMatch(m -> m.content().isEmpty()));

    assertRolledForward(f.sessions().recover());
  }

  @Test
  void aCommitWithoutStagesWritesNoIntentAndIsRolledForward() throws Exception {
    interruptedAt("after-commit-point", JournalRecoveryTest::deleteOnly);
    assertFalse(Files.exists(f.sessionsRoot.resolve(info.id() + ".staging")));
    assertEquals(List.of(), journal().moves());

    assertRolledForward(f.sessions().recover());
  }

  @Test
  void aTornJournalOfACommitWithoutStagesIsRolledBack() throws Exception {
    interruptedAt("after-commit-point", JournalRecoveryTest::deleteOnly);
    Files.write(journalFile(), new byte[] {0, 0, 0, 14, 'b', 'r', 'i'});

    assertRolledBack(f.sessions().recover());
  }

  private static void deleteOnly(Path session) throws IOException {
    Files.delete(session.resolve("docs/guide.txt"));
    Trees.chmod(session.resolve("src/main/App.java"), "rwx------");
  }

  /** The stage of a plain file that is still in the base (not yet moved). */
  private Path stagedFile() throws IOException {
    for (JournalOp.Move move : journal().moves()) {
      Path stage = f.base.resolve(move.stage());
      boolean file = move.content().orElseThrow().entry().type() == EntryType.FILE;
      if (file && Files.exists(stage, LinkOption.NOFOLLOW_LINKS)) {
        return stage;
      }
    }
    throw new AssertionError("no staged file left");
  }
}
