package dev.brio.store;

import dev.brio.api.state.Outcome;
import dev.brio.api.state.Row;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlValue;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sqlite.core.CoreStatement;

/**
 * Runs one statement on one connection: refuses what the API does not accept, binds positional
 * parameters, reads rows up to the row limit, and maps failures to {@link SqlException}.
 */
final class StatementRunner {

  // Wraps a row-returning write so that a row-limit refusal can undo it: SQLite applies the whole
  // write of an INSERT/UPDATE/DELETE ... RETURNING at its first step, before any row is read.
  private static final String SAVEPOINT = "SAVEPOINT brio_statement";
  private static final String ROLLBACK = "ROLLBACK TO brio_statement";
  private static final String RELEASE = "RELEASE brio_statement";

  /**
   * Statements that would outlive the call: a transaction left open would pin a reader's snapshot
   * or pull other callers' writes into it, and ATTACH would open other files. sql-state runs each
   * statement as its own transaction on brio.db only.
   */
  private static final Set<String> NOT_ACCEPTED =
      Set.of("BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE", "ATTACH", "DETACH");

  /**
   * Statements that change the database's files or settings, which the kernel owns: VACUUM rewrites
   * brio.db (and VACUUM INTO writes a copy to any path), and a PRAGMA can switch the journal mode,
   * make the schema writable, lift query_only on a reader, and so on.
   */
  private static final Set<String> KERNEL_OWNED = Set.of("VACUUM", "PRAGMA");

  private final int rowLimit;
  private final int statementTimeoutMs;

  StatementRunner(int rowLimit, int statementTimeoutMs) {
    this.rowLimit = rowLimit;
    this.statementTimeoutMs = statementTimeoutMs;
  }

  Rows query(TimedConnection connection, String sql, List<SqlValue> params) throws SqlException {
    connection.arm();
    try {
      PreparedStatement statement = prepared(connection, sql, params);
      if (columnCount(statement) == 0) {
        // Not a query (e.g. an INSERT): run it so SQLite itself judges it; on a read-only
        // connection a write fails with SQLITE_READONLY here.
        statement.execute();
        return done(statement, Rows.EMPTY);
      }
      return done(statement, readRows(statement));
    } catch (SQLException | SqlException | RuntimeException e) {
      throw failed(connection, sql, e);
    } finally {
      connection.disarm();
    }
  }

  Outcome execute(TimedConnection connection, String sql, List<SqlValue> params)
      throws SqlException {
    connection.arm();
    try {
      PreparedStatement statement = prepared(connection, sql, params);
      boolean returnsRows = columnCount(statement) > 0;
      boolean guarded = returnsRows && !connection.readOnly();
      long totalBefore = connection.totalChanges();
      if (guarded) {
        connection.run(SAVEPOINT);
      }
      long transactionEnds = connection.transactionEnds();
      Rows returned;
      try {
        returned = returnsRows ? readRows(statement) : runWithoutRows(statement);
      } catch (SqlException | SQLException e) {
        if (guarded) {
          connection.disarm();
          undo(connection, transactionEnds, e);
        }
        throw e;
      }
      if (guarded) {
        connection.run(RELEASE);
      }
      // sqlite3_changes() keeps the count of the last write, so a plain SELECT would report it
      // again; total_changes() tells whether this statement changed anything at all.
      long changes = connection.totalChanges() == totalBefore ? 0 : connection.changes();
      return done(statement, new Outcome(changes, connection.lastInsertRowid(), returned));
    } catch (SQLException | SqlException | RuntimeException e) {
      throw failed(connection, sql, e);
    } finally {
      connection.disarm();
    }
  }

  /**
   * Undoes a guarded write that failed. An interrupt (the statement timeout), a full disk or an I/O
   * error makes SQLite roll back the whole transaction itself, savepoint included: then there is
   * nothing left to undo, and ROLLBACK TO would only fail with "no such savepoint" and hide the
   * real error. A failure while undoing is kept on the original error, which is what the caller
   * sees.
   */
  private static void undo(TimedConnection connection, long transactionEnds, Exception failure) {
    if (connection.transactionEnds() != transactionEnds) {
      return;
    }
    try {
      connection.run(ROLLBACK);
      connection.run(RELEASE);
    } catch (SQLException rollback) {
      failure.addSuppressed(rollback);
      try {
        // Never leave the writer inside a transaction: it would take in the next callers' writes.
        connection.run("ROLLBACK");
      } catch (SQLException end) {
        failure.addSuppressed(end);
      }
    }
  }

  private static Rows runWithoutRows(PreparedStatement statement) throws SQLException {
    statement.execute();
    return Rows.EMPTY;
  }

  /** Leaves a cached statement clean for its next use. */
  private static <T> T done(PreparedStatement statement, T result) throws SQLException {
    statement.clearParameters();
    return result;
  }

  /**
   * A failed statement is dropped from the cache rather than trusted to be reusable, and the
   * failure becomes an {@link SqlException}.
   */
  private SqlException failed(TimedConnection connection, String sql, Exception e) {
    connection.statements().evict(sql);
    return switch (e) {
      case SqlException refused -> refused;
      case SQLException sqlite -> SqlErrors.translate(sqlite, statementTimeoutMs);
      case RuntimeException bug -> throw bug;
      default -> throw new IllegalStateException(e);
    };
  }

  /** The prepared statement for {@code sql}, checked and cached on first use, with params bound. */
  private static PreparedStatement prepared(
      TimedConnection connection, String sql, List<SqlValue> params)
      throws SQLException, SqlException {
    PreparedStatement statement = connection.statements().get(sql);
    if (statement == null) {
      refuseUnsupported(sql);
      statement = connection.jdbc().prepareStatement(sql);
      connection.statements().put(sql, statement);
    }
    // sqlite3_bind_parameter_count: the largest parameter index the statement uses.
    int expected = statement.getParameterMetaData().getParameterCount();
    if (expected != params.size()) {
      throw new SqlException(
          SqlErrorKind.BAD_PARAMETERS,
          "statement expects " + expected + " parameter(s), given " + params.size());
    }
    for (int i = 0; i < params.size(); i++) {
      bind(statement, i + 1, params.get(i));
    }
    return statement;
  }

  /**
   * sqlite3_column_count of the prepared statement: whether it returns rows, known before it runs.
   * (sqlite-jdbc's ResultSetMetaData throws for zero columns instead of answering 0.)
   */
  private static int columnCount(PreparedStatement statement) throws SQLException {
    CoreStatement core = (CoreStatement) statement;
    return core.pointer.safeRunInt((db, pointer) -> db.column_count(pointer));
  }

  /** Named parameters and a second statement are refused before SQLite sees the text. */
  private static void refuseUnsupported(String sql) throws SqlException {
    StatementScanner.Scan scan = StatementScanner.scan(sql);
    if (scan.blank()) {
      throw new SqlException(SqlErrorKind.SYNTAX, "no SQL statement given");
    }
    if (NOT_ACCEPTED.contains(scan.firstWord())) {
      throw new SqlException(
          SqlErrorKind.OTHER,
          scan.firstWord()
              + " is not accepted: each statement runs in its own transaction on brio.db");
    }
    if (KERNEL_OWNED.contains(scan.firstWord())) {
      throw new SqlException(
          SqlErrorKind.OTHER,
          scan.firstWord()
              + " is not accepted: it changes brio.db's files or settings, which the kernel owns");
    }
    if (!scan.namedParameters().isEmpty()) {
      throw new SqlException(
          SqlErrorKind.BAD_PARAMETERS,
          "named parameters are not accepted ("
              + String.join(", ", scan.namedParameters())
              + "); use positional parameters: ? or ?NNN");
    }
    if (scan.hasTail()) {
      throw new SqlException(
          SqlErrorKind.SYNTAX,
          "one statement per call: more SQL follows the first statement at offset "
              + scan.tailOffset()
              + ": "
              + abbreviate(sql.substring(scan.tailOffset())));
    }
  }

  private static void bind(PreparedStatement statement, int index, SqlValue value)
      throws SQLException, SqlException {
    switch (value) {
      case null ->
          throw new SqlException(
              SqlErrorKind.BAD_PARAMETERS,
              "parameter " + index + " is a Java null; use SqlValue.NULL for SQL NULL");
      case SqlValue.Null ignored -> statement.setNull(index, Types.NULL);
      case SqlValue.Integer integer -> statement.setLong(index, integer.value());
      case SqlValue.Real real -> statement.setDouble(index, real.value());
      case SqlValue.Text text -> statement.setString(index, text.value());
      case SqlValue.Blob blob -> statement.setBytes(index, blob.value());
    }
  }

  private Rows readRows(PreparedStatement statement) throws SQLException, SqlException {
    // Closing the result set resets the statement, which ends its read transaction.
    try (ResultSet rs = statement.executeQuery()) {
      return readRows(rs);
    }
  }

  private Rows readRows(ResultSet rs) throws SQLException, SqlException {
    ResultSetMetaData meta = rs.getMetaData();
    int columnCount = meta.getColumnCount();
    List<String> columns = new ArrayList<>(columnCount);
    for (int c = 1; c <= columnCount; c++) {
      columns.add(meta.getColumnLabel(c));
    }
    List<Row> rows = new ArrayList<>();
    while (rs.next()) {
      if (rows.size() == rowLimit) {
        throw new SqlException(
            SqlErrorKind.ROW_LIMIT,
            "the statement returns more than the row limit of "
                + rowLimit
                + " rows; narrow it or page with LIMIT/OFFSET");
      }
      List<SqlValue> values = new ArrayList<>(columnCount);
      for (int c = 1; c <= columnCount; c++) {
        values.add(valueOf(rs.getObject(c)));
      }
      rows.add(new Row(values));
    }
    return new Rows(columns, rows);
  }

  /** sqlite-jdbc's getObject follows the value's storage class, not the declared column type. */
  private static SqlValue valueOf(Object value) {
    return switch (value) {
      case null -> SqlValue.NULL;
      case Integer i -> new SqlValue.Integer(i);
      case Long l -> new SqlValue.Integer(l);
      case Double d -> new SqlValue.Real(d);
      case String s -> new SqlValue.Text(s);
      case byte[] b -> new SqlValue.Blob(b);
      default ->
          throw new IllegalStateException("unexpected value from sqlite-jdbc: " + value.getClass());
    };
  }

  private static String abbreviate(String text) {
    String trimmed = text.strip();
    return trimmed.length() <= 40 ? trimmed : trimmed.substring(0, 40) + "...";
  }
}
