package dev.brio.api.state;

import java.util.List;

/**
 * Relational state in the kernel's SQLite database ({@code brio:core/sql-state}). Statements take
 * positional parameters only. Implementations are safe for concurrent use: reads run in parallel,
 * writes one at a time.
 */
public interface SqlState {

  /**
   * Service property naming which database a registered {@code SqlState} reaches: {@link
   * #SCOPE_KERNEL} or {@link #SCOPE_COMPONENT}.
   */
  String SCOPE_PROPERTY = "brio.sql.scope";

  /** brio.db itself, kernel tables included (sessions, events, components): kernel code only. */
  String SCOPE_KERNEL = "kernel";

  /**
   * The database file components get: it holds the supervisor's {@code tasks} and the tables it
   * creates, and none of the kernel's, so no statement run through it can reach them.
   */
  String SCOPE_COMPONENT = "component";

  /** The OSGi filter that selects the component-scoped service, e.g. as a reference target. */
  String COMPONENT_TARGET = "(" + SCOPE_PROPERTY + "=" + SCOPE_COMPONENT + ")";

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
