package dev.brio.vfs;

import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM entry point of the crash test: commits one session and dies at a chosen step.
 *
 * <p>Arguments: allowed root, sessions root, session id, and optionally a step at which to print
 * {@code REACHED <step>} and wait to be SIGKILLed by the parent. Without that fourth argument the
 * documented hook {@code -Dbrio.vfs.crashAt=<step>} halts the JVM itself.
 */
public final class CrashingCommit {

  static final String REACHED = "REACHED ";

  private CrashingCommit() {}

  public static void main(String[] args) throws Exception {
    VfsSettings settings = VfsSettings.of(List.of(Path.of(args[0])), Path.of(args[1]));
    WorkspaceSessions sessions =
        args.length > 3
            ? new WorkspaceSessions(settings, waitToBeKilledAt(args[3]), java.time.Instant::now)
            : new WorkspaceSessions(settings);
    sessions.commit(args[2]);
    System.exit(0);
  }

  private static CommitSteps waitToBeKilledAt(String killAt) {
    return step -> {
      if (step.equals(killAt)) {
        System.out.println(REACHED + step);
        System.out.flush();
        try {
          Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }
}
