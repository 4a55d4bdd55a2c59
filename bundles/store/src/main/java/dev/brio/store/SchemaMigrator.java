package dev.brio.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a database to the newest schema version, tracked in {@code PRAGMA user_version}. Each
 * migration runs in its own transaction together with the bump of {@code user_version}, so a
 * failure leaves the database exactly at the version before it.
 */
public final class SchemaMigrator {

  private final List<Migration> migrations;

  /** {@code migrations} must be numbered 1, 2, 3, ... in order. */
  public SchemaMigrator(List<Migration> migrations) {
    for (int i = 0; i < migrations.size(); i++) {
      if (migrations.get(i).version() != i + 1) {
        throw new IllegalArgumentException(
            "migration #"
                + i
                + " has version "
                + migrations.get(i).version()
                + ", expected "
                + (i + 1));
      }
    }
    this.migrations = List.copyOf(migrations);
  }

  public int latestVersion() {
    return migrations.size();
  }

  static int userVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        var rs = statement.executeQuery("PRAGMA user_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Refuses a database whose schema is newer than the migrations this code knows. */
  void refuseNewer(Path path, int found) throws StoreOpenException {
    if (found > latestVersion()) {
      throw new StoreOpenException(
          StoreOpenException.Reason.NEWER_SCHEMA,
          path,
          path
              + " has schema version "
              + found
              + " but this Brio knows versions up to "
              + latestVersion()
              + "; it was left untouched (run a newer Brio on it)",
          null);
    }
  }

  /** Applies every migration above the current version; returns the final version. */
  int migrate(Connection connection, Path path) throws StoreOpenException, SQLException {
    int current = userVersion(connection);
    refuseNewer(path, current);
    for (Migration migration : migrations.subList(current, migrations.size())) {
      apply(connection, path, migration, current);
      current = migration.version();
    }
    return current;
  }

  private static void apply(Connection connection, Path path, Migration migration, int from)
      throws StoreOpenException, SQLException {
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      for (String sql : migration.statements()) {
        statement.execute(sql);
      }
      // user_version lives in the database header, which is written in this same transaction.
      statement.execute("PRAGMA user_version = " + migration.version());
      connection.commit();
    } catch (SQLException e) {
      connection.rollback();
      throw new StoreOpenException(
          StoreOpenException.Reason.MIGRATION_FAILED,
          path,
          "migration of "
              + path
              + " to version "
              + migration.version()
              + " ("
              + migration.description()
              + ") failed and was rolled back; the database stays at version "
              + from
              + ": "
              + e.getMessage(),
          e);
    } finally {
      connection.setAutoCommit(true);
    }
  }
}
