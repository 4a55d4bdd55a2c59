package dev.brio.api.state;

import java.util.List;

/**
 * Relational state in the kernel's SQLite database ({@code brio:core/sql-state}). Statements take
 * positional parameters only. Implementations are safe for concurrent use: reads run in parallel,
 * writes one at a time.
 */
public interface SqlState {

  /** Runs a read-only statement; SQLite itself refuses a write here. */
  Rows query(String sql, List<SqlValue> params) throws SqlException;

  /** Runs one statement that may write. */
  Outcome execute(String sql, List<SqlValue> params) throws SqlException;

  /**
   * A handle on the same database on which every statement, {@link #execute} included, runs on a
   * read-only connection, so SQLite refuses any write with {@link SqlErrorKind#READ_ONLY}.
   */
  SqlState readOnly();
}
