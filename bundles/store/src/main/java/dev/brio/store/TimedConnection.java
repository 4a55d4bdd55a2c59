package dev.brio.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteCommitListener;
import org.sqlite.SQLiteConnection;

/**
 * One SQLite connection with a statement deadline. SQLite calls the progress handler every {@value
 * #PROGRESS_STEPS} virtual machine instructions; once the deadline has passed the handler asks
 * SQLite to interrupt the statement, which fails with SQLITE_INTERRUPT and rolls itself back.
 *
 * <p>Not thread-safe: the store hands a connection to one thread at a time.
 */
final class TimedConnection implements AutoCloseable {

  private static final int PROGRESS_STEPS = 1_000;
  private static final long NO_DEADLINE = Long.MAX_VALUE;
  // Statements the supervisor runs are few and repeated (insert task, claim next, ...): keeping
  // them prepared saves a parse and plan per call.
  private static final int STATEMENT_CACHE_SIZE = 64;

  private final SQLiteConnection connection;
  private final boolean readOnly;
  private final long timeoutNanos;
  // Read by SQLite's progress callback on the statement's own thread; volatile for clarity only.
  private volatile long deadlineNanos = NO_DEADLINE;
  private final StatementCache statements = new StatementCache(STATEMENT_CACHE_SIZE);
  // The store's own statements (savepoints) apart from the callers': a cache hit skips Brio's
  // checks, so caller text must never find one of these.
  private final StatementCache internal = new StatementCache(STATEMENT_CACHE_SIZE);
  private PreparedStatement lastInsertRowid;
  // Transactions that ended (committed or rolled back) on this connection, counted by SQLite's
  // commit and rollback hooks; sqlite-jdbc does not expose sqlite3_get_autocommit.
  private long transactionEnds;

  TimedConnection(SQLiteConnection connection, boolean readOnly, int statementTimeoutMs)
      throws SQLException {
    this.connection = connection;
    this.readOnly = readOnly;
    this.timeoutNanos = statementTimeoutMs * 1_000_000L;
    ProgressHandler.setHandler(
        connection,
        PROGRESS_STEPS,
        new ProgressHandler() {
          @Override
          protected int progress() {
            long deadline = deadlineNanos;
            return deadline != NO_DEADLINE && System.nanoTime() - deadline > 0 ? 1 : 0;
          }
        });
    connection
        .getDatabase()
        .addCommitListener(
            new SQLiteCommitListener() {
              @Override
              public void onCommit() {
                transactionEnds++;
              }

              @Override
              public void onRollback() {
                transactionEnds++;
              }
            });
  }

  /**
   * How many transactions have ended on this connection. Unchanged across a failed statement means
   * the transaction it ran in is still open; SQLite rolls the whole transaction back by itself
   * after an interrupt, a full disk or an I/O error in a write.
   */
  long transactionEnds() {
    return transactionEnds;
  }

  SQLiteConnection jdbc() {
    return connection;
  }

  boolean readOnly() {
    return readOnly;
  }

  /** Starts the clock for one statement; {@link #disarm()} stops it. */
  void arm() {
    deadlineNanos = System.nanoTime() + timeoutNanos;
  }

  void disarm() {
    deadlineNanos = NO_DEADLINE;
  }

  /** The connection's prepared statements by SQL text; see {@link StatementCache}. */
  StatementCache statements() {
    return statements;
  }

  long totalChanges() throws SQLException {
    return connection.getDatabase().total_changes();
  }

  long changes() throws SQLException {
    return connection.getDatabase().changes();
  }

  long lastInsertRowid() throws SQLException {
    if (lastInsertRowid == null) {
      lastInsertRowid = connection.prepareStatement("SELECT last_insert_rowid()");
    }
    try (ResultSet rs = lastInsertRowid.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Runs one of the store's own statements (no parameters, no rows), kept prepared. */
  void run(String sql) throws SQLException {
    PreparedStatement statement = internal.get(sql);
    if (statement == null) {
      statement = connection.prepareStatement(sql);
      internal.put(sql, statement);
    }
    statement.execute();
  }

  @Override
  public void close() throws SQLException {
    try {
      statements.close();
      internal.close();
      if (lastInsertRowid != null) {
        lastInsertRowid.close();
      }
    } finally {
      connection.close();
    }
  }
}
