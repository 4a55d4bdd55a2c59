package dev.brio.store;

import dev.brio.api.state.Outcome;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlState;
import dev.brio.api.state.SqlValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brio's SQLite database: one writer connection, used by {@link #execute} under a lock, and a pool
 * of connections opened read-only at the SQLite level for {@link #query}, so SQLite itself refuses
 * a write there. WAL journal mode lets the readers run while the writer writes.
 *
 * <p>Plain Java: usable without OSGi. {@link StoreComponent} publishes it as a service.
 */
public final class SqliteStore implements SqlState, AutoCloseable {

  private final StoreSettings settings;
  private final TimedConnection writer;
  private final ReentrantLock writerLock = new ReentrantLock();
  private final ReaderPool readers;
  private final StatementRunner runner;
  private final SqlState readOnlyView = new ReadOnlyView();
  private final int schemaVersion;
  private volatile boolean closed;

  private SqliteStore(
      StoreSettings settings, TimedConnection writer, ReaderPool readers, int schemaVersion) {
    this.settings = settings;
    this.writer = writer;
    this.readers = readers;
    this.schemaVersion = schemaVersion;
    this.runner = new StatementRunner(settings.rowLimit(), settings.statementTimeoutMs());
  }

  /** Opens (creating if missing) the database and brings it to Brio's newest schema. */
  public static SqliteStore open(StoreSettings settings) throws StoreOpenException {
    return open(settings, new SchemaMigrator(BrioSchema.MIGRATIONS));
  }

  /**
   * Opens (creating if missing) the components' database file and brings it to {@link
   * ComponentSchema}'s newest version. It holds none of the kernel's tables, so it is the store to
   * hand a component ({@code SqlState.SCOPE_COMPONENT}); brio.db's store is the kernel's alone.
   */
  public static SqliteStore openComponentState(StoreSettings settings) throws StoreOpenException {
    return open(settings, new SchemaMigrator(ComponentSchema.MIGRATIONS));
  }

  /** Opens the database with the given schema history (tests hand in their own). */
  public static SqliteStore open(StoreSettings settings, SchemaMigrator migrator)
      throws StoreOpenException {
    Path path = settings.path().toAbsolutePath();
    createFolder(path);
    ConnectionFactory factory = new ConnectionFactory(settings.withPath(path));
    TimedConnection writer = null;
    List<TimedConnection> readers = new ArrayList<>();
    try {
      writer = factory.openWriter();
      // Check what the file is before anything can write to it: reading user_version is the
      // first read of the header, where a non-database fails with SQLITE_NOTADB.
      migrator.refuseNewer(path, SchemaMigrator.userVersion(writer.jdbc()));
      factory.enableWal(writer);
      int version = migrator.migrate(writer.jdbc(), path);
      for (int i = 0; i < settings.readers(); i++) {
        readers.add(factory.openReader());
      }
      return new SqliteStore(
          settings, writer, new ReaderPool(readers, settings.busyTimeoutMs()), version);
    } catch (StoreOpenException e) {
      closeAll(writer, readers);
      throw e;
    } catch (SQLException e) {
      closeAll(writer, readers);
      throw openFailure(path, e);
    }
  }

  public StoreSettings settings() {
    return settings;
  }

  /** The schema version the database is at: {@code PRAGMA user_version} after migrating. */
  public int schemaVersion() {
    return schemaVersion;
  }

  @Override
  public Rows query(String sql, List<SqlValue> params) throws SqlException {
    return readers.withReader(connection -> runner.query(connection, sql, params));
  }

  @Override
  public Outcome execute(String sql, List<SqlValue> params) throws SqlException {
    lockWriter();
    try {
      if (closed) {
        throw closedError();
      }
      return runner.execute(writer, sql, params);
    } finally {
      writerLock.unlock();
    }
  }

  @Override
  public SqlState readOnly() {
    return readOnlyView;
  }

  /** Work on the writer's JDBC connection, for the store's own upkeep. */
  @FunctionalInterface
  interface WriterWork<T> {
    T run(Connection writer) throws SQLException;
  }

  /**
   * Runs the store's own {@code work} on the writer connection, under the writer lock, without
   * Brio's statement checks; never for caller SQL.
   */
  <T> T withWriter(WriterWork<T> work) throws SQLException {
    writerLock.lock();
    try {
      if (closed) {
        throw new SQLException("the store " + settings.path() + " is closed");
      }
      return work.run(writer.jdbc());
    } finally {
      writerLock.unlock();
    }
  }

  /** Waits for the statement in progress, then closes every connection. */
  @Override
  public void close() {
    writerLock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      readers.close();
      writer.close();
    } catch (SQLException e) {
      throw new IllegalStateException("closing " + settings.path() + " failed", e);
    } finally {
      writerLock.unlock();
    }
  }

  static SqlException closedError() {
    return new SqlException(SqlErrorKind.OTHER, "the store is closed");
  }

  private void lockWriter() throws SqlException {
    try {
      if (!writerLock.tryLock(settings.busyTimeoutMs(), TimeUnit.MILLISECONDS)) {
        throw new SqlException(
            SqlErrorKind.BUSY, "the writer stayed busy for " + settings.busyTimeoutMs() + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlException(SqlErrorKind.BUSY, "interrupted while waiting for the writer", 0, e);
    }
  }

  /** Every statement runs on a read-only connection, {@code execute} included. */
  private final class ReadOnlyView implements SqlState {
    @Override
    public Rows query(String sql, List<SqlValue> params) throws SqlException {
      return SqliteStore.this.query(sql, params);
    }

    @Override
    public Outcome execute(String sql, List<SqlValue> params) throws SqlException {
      return readers.withReader(connection -> runner.execute(connection, sql, params));
    }

    @Override
    public SqlState readOnly() {
      return this;
    }
  }

  private static void createFolder(Path path) throws StoreOpenException {
    try {
      Path folder = path.getParent();
      if (folder != null) {
        Files.createDirectories(folder);
      }
    } catch (IOException e) {
      throw new StoreOpenException(
          StoreOpenException.Reason.UNREADABLE,
          path,
          "cannot create the folder of " + path + ": " + e.getMessage(),
          e);
    }
  }

  private static StoreOpenException openFailure(Path path, SQLException e) {
    if (SqlErrors.isNotADatabase(e)) {
      return new StoreOpenException(
          StoreOpenException.Reason.NOT_A_DATABASE,
          path,
          path
              + " is not a Brio database (SQLite says: "
              + e.getMessage()
              + "); it was left untouched. Move it away or point the store at another path.",
          e);
    }
    return new StoreOpenException(
        StoreOpenException.Reason.UNREADABLE,
        path,
        "cannot open " + path + ": " + e.getMessage(),
        e);
  }

  private static void closeAll(TimedConnection writer, List<TimedConnection> readers) {
    List<TimedConnection> all = new ArrayList<>(readers);
    if (writer != null) {
      all.add(writer);
    }
    for (TimedConnection connection : all) {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // Already failing to open; the first error is the one worth reporting.
      }
    }
  }
}
