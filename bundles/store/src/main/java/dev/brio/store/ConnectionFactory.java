package dev.brio.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

/**
 * Opens connections to one database file through {@link SQLiteDataSource}: {@code DriverManager}
 * finds no driver inside OSGi, because the driver is registered from another bundle's class loader.
 */
final class ConnectionFactory {

  // sqlite3_limit category SQLITE_LIMIT_ATTACHED, from sqlite3.h.
  private static final int SQLITE_LIMIT_ATTACHED = 7;

  private final StoreSettings settings;
  private final String url;

  ConnectionFactory(StoreSettings settings) {
    this.settings = settings;
    this.url = "jdbc:sqlite:" + settings.path();
  }

  /**
   * The read-write connection. Journal mode is not set here: it is the one setting stored in the
   * file, and it must not be written before the file has been checked (see {@link #enableWal}).
   */
  TimedConnection openWriter() throws SQLException {
    SQLiteConfig config = baseConfig();
    config.enforceForeignKeys(true);
    config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
    return new TimedConnection(open(config), false, settings.statementTimeoutMs());
  }

  /** A connection SQLite itself keeps from writing: opened READONLY, and query_only on top. */
  TimedConnection openReader() throws SQLException {
    SQLiteConfig config = baseConfig();
    config.setReadOnly(true);
    config.setOpenMode(SQLiteOpenMode.READONLY);
    SQLiteConnection connection = open(config);
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA query_only = 1");
    }
    return new TimedConnection(connection, true, settings.statementTimeoutMs());
  }

  void enableWal(TimedConnection writer) throws SQLException {
    try (Statement statement = writer.jdbc().createStatement();
        ResultSet rs = statement.executeQuery("PRAGMA journal_mode = WAL")) {
      rs.next();
      String mode = rs.getString(1);
      if (!"wal".equals(mode.toLowerCase(Locale.ROOT))) {
        throw new SQLException("SQLite kept journal mode '" + mode + "' instead of WAL");
      }
    }
  }

  private SQLiteConfig baseConfig() {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(settings.busyTimeoutMs());
    // We read last_insert_rowid() ourselves; sqlite-jdbc's own lookup would cost a query per write.
    config.setGetGeneratedKeys(false);
    return config;
  }

  private SQLiteConnection open(SQLiteConfig config) throws SQLException {
    SQLiteDataSource dataSource = new SQLiteDataSource(config);
    dataSource.setUrl(url);
    SQLiteConnection connection = dataSource.getConnection().unwrap(SQLiteConnection.class);
    try {
      // No connection may ATTACH another file: the component-scoped store lives in a file apart
      // from brio.db precisely so that its statements cannot name the kernel's tables, and this
      // makes SQLite itself refuse ATTACH however the statement is spelled.
      connection.getDatabase().limit(SQLITE_LIMIT_ATTACHED, 0);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }
}
