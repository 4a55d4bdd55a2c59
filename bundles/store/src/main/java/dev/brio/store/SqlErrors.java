package dev.brio.store;

import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import java.sql.SQLException;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns what sqlite-jdbc throws into the API's {@link SqlException}, keeping SQLite's words. */
final class SqlErrors {

  // Primary result codes (the low byte of an extended code), from sqlite3.h.
  private static final int SQLITE_ERROR = 1;
  private static final int SQLITE_BUSY = 5;
  private static final int SQLITE_LOCKED = 6;
  private static final int SQLITE_READONLY = 8;
  private static final int SQLITE_INTERRUPT = 9;
  private static final int SQLITE_CORRUPT = 11;
  private static final int SQLITE_CONSTRAINT = 19;
  private static final int SQLITE_RANGE = 25;
  private static final int SQLITE_NOTADB = 26;

  private SqlErrors() {}

  /** SQLite's extended result code, or 0 when the failure did not come from SQLite. */
  static int extendedCode(SQLException e) {
    if (e instanceof SQLiteException s) {
      SQLiteErrorCode code = s.getResultCode();
      return code == SQLiteErrorCode.UNKNOWN_ERROR ? s.getErrorCode() : code.code;
    }
    return 0;
  }

  static boolean isNotADatabase(SQLException e) {
    int primary = extendedCode(e) & 0xff;
    return primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT;
  }

  static SqlException translate(SQLException e, int statementTimeoutMs) {
    int code = extendedCode(e);
    SqlErrorKind kind =
        switch (code & 0xff) {
          case SQLITE_ERROR -> SqlErrorKind.SYNTAX;
          case SQLITE_CONSTRAINT -> SqlErrorKind.CONSTRAINT;
          case SQLITE_READONLY -> SqlErrorKind.READ_ONLY;
          case SQLITE_BUSY, SQLITE_LOCKED -> SqlErrorKind.BUSY;
          case SQLITE_INTERRUPT -> SqlErrorKind.TIMEOUT;
          case SQLITE_RANGE -> SqlErrorKind.BAD_PARAMETERS;
          default -> SqlErrorKind.OTHER;
        };
    String message =
        kind == SqlErrorKind.TIMEOUT
            ? "statement ran past the statement timeout of "
                + statementTimeoutMs
                + " ms: "
                + e.getMessage()
            : e.getMessage();
    return new SqlException(kind, message, code, e);
  }
}
