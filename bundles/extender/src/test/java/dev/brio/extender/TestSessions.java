package dev.brio.extender;

import dev.brio.store.SqliteSessionLedger;
import dev.brio.store.SqliteStore;
import dev.brio.store.StoreSettings;
import dev.brio.vfs.VfsSettings;
import dev.brio.vfs.WorkspaceSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The real session service for one test: projects under {@code dir/projects} (the only allowed
 * root), sessions under {@code dir/sessions}, the ledger in {@code dir/brio.db}.
 */
final class TestSessions implements AutoCloseable {
  final Path projects;
  final WorkspaceSessions sessions;
  private final SqliteStore store;

  TestSessions(Path dir) throws Exception {
    projects = Files.createDirectories(dir.resolve("projects"));
    store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")).withReaders(1));
    sessions =
        new WorkspaceSessions(
            VfsSettings.of(
                List.of(projects), dir.resolve("sessions"), SqliteSessionLedger.of(store)));
  }

  @Override
  public void close() {
    store.close();
  }
}
