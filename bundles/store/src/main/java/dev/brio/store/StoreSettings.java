package dev.brio.store;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to open a {@link SqliteStore}.
 *
 * @param path the database file ({@code brio.db}); its folder is created when missing
 * @param busyTimeoutMs how long a statement waits for a lock (SQLite's, the writer's, a free
 *     reader) before it fails with {@code BUSY}
 * @param statementTimeoutMs how long one statement may run before it is interrupted ({@code
 *     TIMEOUT})
 * @param rowLimit the most rows one statement may return; more is a {@code ROW_LIMIT} error
 * @param readers how many read-only connections serve {@code query} in parallel
 */
public record StoreSettings(
    Path path, int busyTimeoutMs, int statementTimeoutMs, int rowLimit, int readers) {

  public static final int DEFAULT_BUSY_TIMEOUT_MS = 5_000;
  public static final int DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;
  public static final int DEFAULT_ROW_LIMIT = 10_000;
  public static final int DEFAULT_READERS = 4;

  public StoreSettings {
    Objects.requireNonNull(path, "path");
    requirePositive("busyTimeoutMs", busyTimeoutMs);
    requirePositive("statementTimeoutMs", statementTimeoutMs);
    requirePositive("rowLimit", rowLimit);
    requirePositive("readers", readers);
  }

  /** The defaults for a database at {@code path}. */
  public static StoreSettings defaults(Path path) {
    return new StoreSettings(
        path,
        DEFAULT_BUSY_TIMEOUT_MS,
        DEFAULT_STATEMENT_TIMEOUT_MS,
        DEFAULT_ROW_LIMIT,
        DEFAULT_READERS);
  }

  public StoreSettings withPath(Path value) {
    return new StoreSettings(value, busyTimeoutMs, statementTimeoutMs, rowLimit, readers);
  }

  public StoreSettings withStatementTimeoutMs(int value) {
    return new StoreSettings(path, busyTimeoutMs, value, rowLimit, readers);
  }

  public StoreSettings withRowLimit(int value) {
    return new StoreSettings(path, busyTimeoutMs, statementTimeoutMs, value, readers);
  }

  public StoreSettings withReaders(int value) {
    return new StoreSettings(path, busyTimeoutMs, statementTimeoutMs, rowLimit, value);
  }

  private static void requirePositive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
