package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a committing child JVM at every step of the commit, runs recovery here, and checks the base
 * is byte for byte all-old (crash before the journal) or all-new (crash after it), every time. The
 * child opens the same {@code brio.db} as this JVM (its class path is this test's, store and SQLite
 * driver included), so the session's state after recovery is read from the rows the child left.
 */
class CrashTest {

  /** Steps before the journal is complete: the base must come back all-old. */
  private static final List<String> BEFORE_JOURNAL =
      List.of("after-intent", "mid-staging", "after-staging");

  @TempDir Path temp;

  @Test
  void everyCrashPointRecoversToAllOldOrAllNew() throws Exception {
    // after-op-N until the child runs to completion: that many steps has this commit.
    int ops = 0;
    List<String> report = new ArrayList<>();
    for (String step : BEFORE_JOURNAL) {
      report.add(step + ": " + crashAndRecover(step, "old"));
    }
    // From the complete journal on, the base must come forward to all-new: with the stages and
    // the journal written (if not yet synced) nothing can be missing after a kill.
    for (String step : List.of("after-journal", "after-commit-point")) {
      report.add(step + ": " + crashAndRecover(step, "new"));
    }
    while (true) {
      String step = "after-op-" + (ops + 1);
      Outcome outcome = crashAndRecoverOrFinish(step);
      if (outcome == Outcome.COMPLETED) {
        break;
      }
      assertEquals(Outcome.ROLLED_FORWARD, outcome, step);
      ops++;
      report.add(step + ": " + outcome);
    }
    assertTrue(ops >= 10, "the sample commit has many steps, got " + ops);
    for (String step : List.of("before-done", "after-done")) {
      report.add(step + ": " + crashAndRecover(step, "new"));
    }
    System.out.println("crash test: " + String.join("; ", report));
  }

  private enum Outcome {
    ROLLED_BACK,
    ROLLED_FORWARD,
    COMPLETED
  }

  private Outcome crashAndRecover(String step, String expected) throws Exception {
    Outcome outcome = crashAndRecoverOrFinish(step);
    assertNotEquals(Outcome.COMPLETED, outcome, step + " was never reached");
    assertEquals(
        expected.equals("old") ? Outcome.ROLLED_BACK : Outcome.ROLLED_FORWARD, outcome, step);
    return outcome;
  }

  /** The same, killing the child with SIGKILL while it waits at the step. */
  @Test
  void sigkillAtKeyStepsRecoversToAllOldOrAllNew() throws Exception {
    sigkill = true;
    crashAndRecover("mid-staging", "old");
    crashAndRecover("after-staging", "old");
    crashAndRecover("after-journal", "new");
    crashAndRecover("after-commit-point", "new");
    crashAndRecover("after-op-3", "new");
    crashAndRecover("before-done", "new");
  }

  /**
   * A staging intent torn by a crash while it was written (possible since it is written in place,
   * file and directory synced together): recovery treats it as never written. The torn file is put
   * in place after the child died at the step right after the intent.
   */
  @Test
  void aTornStagingIntentCountsAsNeverWritten() throws Exception {
    tear = ".staging";
    crashAndRecover("after-intent", "old");
  }

  /**
   * A journal torn by a crash while it was written (it is written in place and synced in the round
   * of the stages, before which nothing is applied): recovery rolls the commit back.
   */
  @Test
  void aTornJournalIsRolledBack() throws Exception {
    tear = ".journal";
    crashAndRecover("after-journal", "old");
  }

  private boolean sigkill;
  private String tear;

  private Outcome crashAndRecoverOrFinish(String step) throws Exception {
    Path root = Files.createDirectories(temp.resolve(step));
    Fixture f = new Fixture(root);
    WorkspaceSessions sessions = f.sessions();
    Map<String, String> oldTree = Trees.describe(f.base);
    SessionInfo info = sessions.begin(f.base.toString());
    Path session = sessions.directory(info.id());
    CommitTest.editEverything(session);
    Map<String, String> newTree = Trees.describe(session);

    int status = sigkill ? killChild(f, info.id(), step) : runChild(f, info.id(), step);
    if (status == 0) {
      assertEquals(newTree, Trees.describe(f.base), "a commit that ran through");
      return Outcome.COMPLETED;
    }
    assertEquals(137, status, "the child halted at " + step);
    if (tear != null) {
      // the first bytes of a record: magic and some body, no checksum
      Files.write(f.sessionsRoot.resolve(info.id() + tear), new byte[] {0, 0, 0, 14, 'b', 'r'});
    }

    WorkspaceSessions restarted = f.sessions();
    WorkspaceSessions.RecoveryReport recovery = restarted.recover();

    Map<String, String> recovered = Trees.describe(f.base);
    if (recovered.equals(oldTree)) {
      assertEquals(List.of(info.id()), recovery.rolledBack(), step);
      assertEquals(SessionState.OPEN, restarted.list().getFirst().state());
      // A rolled-back session can simply be committed again.
      restarted.commit(info.id());
      assertEquals(newTree, Trees.describe(f.base), "retry after " + step);
      assertLeftNothingBehind(f, info.id());
      return Outcome.ROLLED_BACK;
    }
    assertEquals(newTree, recovered, "after a crash at " + step + " the base is all-new");
    assertEquals(SessionState.COMMITTED, restarted.list().getFirst().state());
    assertEquals(List.of(info.id()), recovery.rolledForward(), step);
    assertLeftNothingBehind(f, info.id());
    return Outcome.ROLLED_FORWARD;
  }

  private static void assertLeftNothingBehind(Fixture f, String id) {
    // (a done marker may stay: it goes with the session, after the retention period)
    for (String suffix : List.of(".staging", ".journal")) {
      assertFalse(Files.exists(f.sessionsRoot.resolve(id + suffix)), id + suffix);
    }
  }

  private static int runChild(Fixture f, String id, String step)
      throws IOException, InterruptedException {
    List<String> command = childCommand(f, id, "-D" + CommitSteps.CRASH_AT_PROPERTY + "=" + step);
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(
                f.sessionsRoot.resolveSibling("child-" + step.hashCode() + ".log").toFile())
            .start();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
      throw new AssertionError("the child did not finish at " + step);
    }
    return child.exitValue();
  }

  /**
   * Runs the child until it reports the step, then SIGKILLs it ({@code destroyForcibly} on Linux).
   *
   * @return 137 once killed, or the child's status if it finished without reaching the step
   */
  private static int killChild(Fixture f, String id, String step)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(childCommand(f, id));
    command.add(step);
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals(CrashingCommit.REACHED + step)) {
          child.destroyForcibly(); // SIGKILL
          child.waitFor();
          return 137;
        }
      }
    } finally {
      if (!child.waitFor(60, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    }
    return child.exitValue();
  }

  private static List<String> childCommand(Fixture f, String id, String... jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(List.of(jvmOptions));
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            CrashingCommit.class.getName(),
            f.projects.toString(),
            f.sessionsRoot.toString(),
            f.database.toString(),
            id));
    return command;
  }
}
