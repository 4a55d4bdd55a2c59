package dev.brio.benchmarks;

import dev.brio.api.state.Outcome;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlValue;
import dev.brio.store.SqliteStore;
import dev.brio.store.StoreOpenException;
import dev.brio.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The supervisor's task queue on SQLite: inserting a task, and inserting one then claiming the next
 * by priority ({@code UPDATE ... RETURNING}). Each runs through Brio's {@link SqliteStore} and, as
 * the baseline in the same run, through plain JDBC on a raw sqlite-jdbc connection with the same
 * file settings (WAL, synchronous=NORMAL, no generated-keys lookup) and the statements prepared
 * once. The ratio is Brio's overhead: the statement-cache lookup and parameter checks, changes and
 * last rowid per write, the savepoint around a write with RETURNING, the writer lock.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// The flags every Brio JVM gets on Java 25 (see the parent pom's brio.jvm.flags): sqlite-jdbc loads
// a native library, JMH itself uses sun.misc.Unsafe.
@Fork(
    value = 1,
    jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
public class TaskQueueBenchmark {

  static final String INSERT = "INSERT INTO tasks (content, priority) VALUES (?, ?)";
  static final String CLAIM =
      """
      UPDATE tasks SET status = 'running', agent = ?, started_at = ?, updated_at = ?
       WHERE id = (SELECT id FROM tasks WHERE status = 'pending'
                    ORDER BY priority DESC, id LIMIT 1)
      RETURNING id, content""";

  /** A fresh Brio database with Brio's schema, in a temp folder. */
  @State(Scope.Benchmark)
  public static class BrioStore {
    Path folder;
    SqliteStore store;
    long counter;

    @Setup
    public void open() throws IOException, StoreOpenException {
      folder = Files.createTempDirectory("brio-bench");
      store = SqliteStore.open(StoreSettings.defaults(folder.resolve("brio.db")));
    }

    @TearDown
    public void close() throws IOException {
      store.close();
      deleteTree(folder);
    }
  }

  /** The same schema and file settings, used through one raw sqlite-jdbc connection. */
  @State(Scope.Benchmark)
  public static class RawJdbc {
    Path folder;
    Connection connection;
    PreparedStatement insert;
    PreparedStatement claim;
    long counter;

    @Setup
    public void open() throws IOException, StoreOpenException, SQLException {
      folder = Files.createTempDirectory("brio-bench-jdbc");
      Path path = folder.resolve("brio.db");
      // Brio creates the schema, so both sides run on identical tables and indexes.
      SqliteStore.open(StoreSettings.defaults(path)).close();
      SQLiteConfig config = new SQLiteConfig();
      config.setJournalMode(SQLiteConfig.JournalMode.WAL);
      config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
      config.enforceForeignKeys(true);
      // As Brio does: sqlite-jdbc would otherwise look up generated keys after every write.
      config.setGetGeneratedKeys(false);
      SQLiteDataSource dataSource = new SQLiteDataSource(config);
      dataSource.setUrl("jdbc:sqlite:" + path);
      connection = dataSource.getConnection();
      insert = connection.prepareStatement(INSERT);
      claim = connection.prepareStatement(CLAIM);
    }

    @TearDown
    public void close() throws IOException, SQLException {
      insert.close();
      claim.close();
      connection.close();
      deleteTree(folder);
    }
  }

  @Benchmark
  public long brioInsert(BrioStore brio) throws SqlException {
    return brioInsertTask(brio);
  }

  @Benchmark
  public long jdbcInsert(RawJdbc jdbc) throws SQLException {
    return jdbcInsertTask(jdbc);
  }

  @Benchmark
  public long brioInsertAndClaim(BrioStore brio) throws SqlException {
    brioInsertTask(brio);
    long now = brio.counter;
    Outcome claimed =
        brio.store.execute(
            CLAIM, List.of(SqlValue.of("agent"), SqlValue.of(now), SqlValue.of(now)));
    return ((SqlValue.Integer) claimed.returned().rows().getFirst().get(0)).value();
  }

  @Benchmark
  public long jdbcInsertAndClaim(RawJdbc jdbc) throws SQLException {
    jdbcInsertTask(jdbc);
    long now = jdbc.counter;
    jdbc.claim.setString(1, "agent");
    jdbc.claim.setLong(2, now);
    jdbc.claim.setLong(3, now);
    long claimed = -1;
    try (ResultSet rs = jdbc.claim.executeQuery()) {
      // Read every RETURNING row, as Brio does.
      while (rs.next()) {
        claimed = rs.getLong(1);
      }
    }
    return claimed;
  }

  private static long brioInsertTask(BrioStore brio) throws SqlException {
    long n = ++brio.counter;
    return brio.store
        .execute(INSERT, List.of(SqlValue.of("task " + n), SqlValue.of(n % 10)))
        .lastInsertRowid();
  }

  private static long jdbcInsertTask(RawJdbc jdbc) throws SQLException {
    long n = ++jdbc.counter;
    jdbc.insert.setString(1, "task " + n);
    jdbc.insert.setLong(2, n % 10);
    return jdbc.insert.executeUpdate();
  }

  static void deleteTree(Path folder) throws IOException {
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
