package dev.brio.api.state;

/**
 * A refused or failed statement. The message carries SQLite's own message; {@link #sqliteCode()}
 * its extended result code, or 0 when Brio refused the statement before SQLite ran it.
 */
public final class SqlException extends Exception {
  private static final long serialVersionUID = 1L;

  private final SqlErrorKind kind;
  private final int sqliteCode;

  public SqlException(SqlErrorKind kind, String message, int sqliteCode, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.sqliteCode = sqliteCode;
  }

  public SqlException(SqlErrorKind kind, String message) {
    this(kind, message, 0, null);
  }

  public SqlErrorKind kind() {
    return kind;
  }

  public int sqliteCode() {
    return sqliteCode;
  }
}
