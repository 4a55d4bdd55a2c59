package dev.brio.store;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prepared statements of one connection, keyed by their exact SQL text, least recently used evicted
 * first. A statement is only cached after it passed Brio's checks and SQLite's prepare, so a hit
 * needs neither again. Not thread-safe: it belongs to its connection's current user.
 */
final class StatementCache implements AutoCloseable {

  private final LinkedHashMap<String, PreparedStatement> statements;

  StatementCache(int capacity) {
    this.statements =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= capacity) {
              return false;
            }
            closeQuietly(eldest.getValue());
            return true;
          }
        };
  }

  /** The cached statement for {@code sql}, or null. */
  PreparedStatement get(String sql) {
    return statements.get(sql);
  }

  void put(String sql, PreparedStatement statement) {
    PreparedStatement previous = statements.put(sql, statement);
    if (previous != null && previous != statement) {
      closeQuietly(previous);
    }
  }

  /** Drops and closes the statement for {@code sql}, e.g. after it failed mid-way. */
  void evict(String sql) {
    PreparedStatement statement = statements.remove(sql);
    if (statement != null) {
      closeQuietly(statement);
    }
  }

  int size() {
    return statements.size();
  }

  @Override
  public void close() {
    statements.values().forEach(StatementCache::closeQuietly);
    statements.clear();
  }

  private static void closeQuietly(PreparedStatement statement) {
    try {
      statement.close();
    } catch (SQLException ignored) {
      // Finalizing a statement only frees memory; nothing is lost if it fails.
    }
  }
}
