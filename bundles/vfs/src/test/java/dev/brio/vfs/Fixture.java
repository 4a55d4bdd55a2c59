package dev.brio.vfs;

import dev.brio.api.session.SessionLedger;
import dev.brio.store.SqliteSessionLedger;
import dev.brio.store.SqliteStore;
import dev.brio.store.StoreOpenException;
import dev.brio.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;

/**
 * A project root with a base inside it, a sessions root beside it, a real {@code brio.db} holding
 * the session ledger, and a settable clock. Each {@link #sessions()} is a fresh service instance on
 * the same database and directories, as after a restart.
 */
final class Fixture {
  final Path projects;
  final Path base;
  final Path outside;
  final Path sessionsRoot;
  final Path database;
  Instant now = Instant.parse("2026-01-01T00:00:00Z");
  final InstantSource clock = () -> now;
  private SqliteStore store;

  Fixture(Path temp) throws IOException {
    this.projects = Files.createDirectories(temp.resolve("projects"));
    this.base = projects.resolve("app");
    this.outside = temp.resolve("outside");
    this.sessionsRoot = temp.resolve("sessions");
    this.database = temp.resolve("data/brio.db");
    Trees.sampleBase(base, outside);
  }

  /** The ledger on {@link #database}, opened on first use (the files live until @TempDir goes). */
  SessionLedger ledger() {
    if (store == null) {
      store = open(database);
    }
    return SqliteSessionLedger.of(store);
  }

  /** A ledger on its own {@code brio.db} at {@code database}, for tests without a fixture. */
  static SessionLedger ledgerAt(Path database) {
    return SqliteSessionLedger.of(open(database));
  }

  private static SqliteStore open(Path database) {
    try {
      return SqliteStore.open(StoreSettings.defaults(database).withReaders(1));
    } catch (StoreOpenException e) {
      throw new UncheckedIOException(new IOException(e.getMessage(), e));
    }
  }

  /** Closes the store behind {@link #ledger()}; the next use opens it again. */
  void closeStore() {
    if (store != null) {
      store.close();
      store = null;
    }
  }

  /** The store behind {@link #ledger()}, to look at the rows themselves. */
  SqliteStore store() {
    ledger();
    return store;
  }

  VfsSettings settings() {
    return VfsSettings.of(List.of(projects), sessionsRoot, ledger())
        .withRetention(Duration.ofHours(1));
  }

  WorkspaceSessions sessions() throws IOException {
    return sessions(settings());
  }

  WorkspaceSessions sessions(VfsSettings settings) throws IOException {
    return new WorkspaceSessions(settings, CommitSteps.none(), clock);
  }

  /** The snapshot recorded for a session. */
  Snapshot snapshot(String id) throws IOException {
    return Snapshot.decode(ledger().snapshot(id).orElseThrow());
  }
}
