package dev.brio.vfs;

import dev.brio.store.SqliteSessionLedger;
import dev.brio.store.SqliteStore;
import dev.brio.store.StoreSettings;
import java.nio.file.Path;
import java.util.List;

/**
 * Child-JVM entry point of the crash test: opens the parent's {@code brio.db}, commits one session
 * and dies at a chosen step.
 *
 * <p>Arguments: allowed root, sessions root, database, session id, and optionally a step at which
 * to print {@code REACHED <step>} and wait to be SIGKILLed by the parent. Without that fifth
 * argument the documented hook {@code -Dbrio.vfs.crashAt=<step>} halts the JVM itself.
 */
public final class CrashingCommit {

  static final String REACHED = "REACHED ";

  private CrashingCommit() {}

  public static void main(String[] args) throws Exception {
    // Never closed: the JVM halts or is killed with the database open, as a crashing kernel would.
    SqliteStore store = SqliteStore.open(StoreSettings.defaults(Path.of(args[2])).withReaders(1));
    VfsSettings settings =
        VfsSettings.of(List.of(Path.of(args[0])), Path.of(args[1]), SqliteSessionLedger.of(store));
    WorkspaceSessions sessions =
        args.length > 4
            ? new WorkspaceSessions(settings, waitToBeKilledAt(args[4]), java.time.Instant::now)
            : new WorkspaceSessions(settings);
    sessions.commit(args[3]);
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
