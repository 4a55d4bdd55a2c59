package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.Payload;
import dev.brio.api.state.Outcome;
import dev.brio.api.state.Row;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlState;
import dev.brio.api.state.SqlValue;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.Linker;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import dev.brio.store.SqliteStore;
import dev.brio.store.StoreSettings;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor-sql fixture (components/fixtures/core/supervisor-sql.wat, built with its WIT as
 * toolchains build components) runs statements through brio:core/sql-state on a real SQLite store
 * in a temporary component-state.db, and answers with a dump of what it read in its own memory: so
 * every value here went from the host into the guest and back, and every parameter from the guest
 * to SQLite.
 */
class SqlStateImportTest {
  private static final String HANDLE = "brio:core/handler@0.1.0#handle";

  /** The parameters the fixture binds for a method ending in "+", one of each kind. */
  private static final List<SqlValue> FIVE =
      List.of(
          new SqlValue.Text("héllo wörld"),
          new SqlValue.Integer(-1234567890123456789L),
          new SqlValue.Real(-2.5e-300),
          new SqlValue.Blob(new byte[] {0, 1, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff}),
          SqlValue.NULL);

  private static final String CREATE = "CREATE TABLE kept (t TEXT UNIQUE, i INTEGER, r REAL, b, n)";
  private static final String INSERT = "INSERT INTO kept VALUES (?, ?, ?, ?, ?)";

  @TempDir Path dir;
  private final List<SqliteStore> stores = new ArrayList<>();

  @AfterEach
  void close() {
    stores.forEach(SqliteStore::close);
  }

  private SqliteStore store(UnaryOperator<StoreSettings> settings) throws Exception {
    SqliteStore store =
        SqliteStore.openComponentState(
            settings.apply(StoreSettings.defaults(dir.resolve("component-state.db"))));
    stores.add(store);
    return store;
  }

  private SqliteStore store() throws Exception {
    return store(s -> s);
  }

  /** The fixture instantiated with brio:core/sql-state running on {@code state}. */
  private static ComponentInstance supervisor(SqlState state) throws Exception {
    Component component = ComponentParser.parse(Fixtures.bytes("supervisor-sql"));
    Linker linker = new Linker(TestMesh.COMPILED);
    SqlStateImport.defineFor(component, linker, state);
    return linker.instantiate(component);
  }

  /** What one call of the fixture's handler read back, decoded from its dump. */
  sealed interface Answer {}

  record Read(Rows rows) implements Answer {}

  record Wrote(Outcome outcome) implements Answer {}

  record Failed(String kind, int sqliteCode, String message) implements Answer {}

  private static Answer call(ComponentInstance supervisor, String method, String sql) {
    Value answer =
        supervisor
            .call(
                HANDLE,
                new StringValue(method),
                PayloadValues.toValue(Payload.binary(sql.getBytes(StandardCharsets.UTF_8))))
            .orElseThrow();
    var result = (ResultValue) answer;
    assertTrue(result.isOk(), () -> "the handler failed: " + result);
    var dump = (Payload.Binary) PayloadValues.toPayload(result.payload().orElseThrow());
    return Dump.decode(method.startsWith("q"), dump.bytes());
  }

  private static Wrote wrote(long changes, long rowid, Rows returned) {
    return new Wrote(new Outcome(changes, rowid, returned));
  }

  private static Read read(List<String> columns, Row... rows) {
    return new Read(new Rows(columns, List.of(rows)));
  }

  private static Row row(SqlValue... values) {
    return new Row(List.of(values));
  }

  @Test
  void everyKindOfValueGoesFromTheGuestIntoSqliteAndBack() throws Exception {
    SqliteStore store = store();
    ComponentInstance supervisor = supervisor(store);
    assertEquals(wrote(0, 0, Rows.EMPTY), call(supervisor, "execute", CREATE));
    assertEquals(wrote(1, 1, Rows.EMPTY), call(supervisor, "execute+", INSERT));

    assertEquals(
        read(List.of("t", "i", "r", "b", "n"), new Row(FIVE)),
        call(supervisor, "query", "SELECT t, i, r, b, n FROM kept"));
    // SQLite stored them as the kinds the guest sent, not as text or a lossy float
    assertEquals(
        new Rows(
            List.of("typeof(t)", "typeof(i)", "typeof(r)", "typeof(b)", "typeof(n)"),
            List.of(
                new Row(
                    List.of(
                        SqlValue.of("text"),
                        SqlValue.of("integer"),
                        SqlValue.of("real"),
                        SqlValue.of("blob"),
                        SqlValue.of("null"))))),
        store.query(
            "SELECT typeof(t), typeof(i), typeof(r), typeof(b), typeof(n) FROM kept", List.of()));
    // query binds the same parameters
    assertEquals(
        read(List.of("?", "?", "?", "?", "?"), new Row(FIVE)),
        call(supervisor, "query+", "SELECT ?, ?, ?, ?, ?"));
  }

  @Test
  void executeReturnsChangesTheRowidAndTheReturningRows() throws Exception {
    ComponentInstance supervisor = supervisor(store());
    call(supervisor, "execute", "CREATE TABLE log (t, i, r, b, n)");
    call(supervisor, "execute+", "INSERT INTO log VALUES (?, ?, ?, ?, ?)");
    assertEquals(
        wrote(
            1,
            2,
            new Rows(
                List.of("rowid", "b", "n"),
                List.of(new Row(List.of(SqlValue.of(2L), FIVE.get(3), SqlValue.NULL))))),
        call(
            supervisor,
            "execute+",
            "INSERT INTO log VALUES (?, ?, ?, ?, ?) RETURNING rowid, b, n"));
    // an UPDATE changes rows but inserts none: the rowid is still the last insert's
    assertEquals(wrote(2, 2, Rows.EMPTY), call(supervisor, "execute", "UPDATE log SET i = i + 1"));
  }

  @Test
  void manyRowsEmptyValuesAndLargeBlobsReachTheGuest() throws Exception {
    ComponentInstance supervisor = supervisor(store());
    assertEquals(
        read(
            List.of("x", "name"),
            row(SqlValue.of(1L), SqlValue.of("n1")),
            row(SqlValue.of(2L), SqlValue.of("n2")),
            row(SqlValue.of(3L), SqlValue.of("n3"))),
        call(
            supervisor,
            "query",
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3)"
                + " SELECT x, 'n' || x AS name FROM c"));
    assertEquals(
        read(List.of("e", "s"), row(new SqlValue.Blob(new byte[0]), SqlValue.of(""))),
        call(supervisor, "query", "SELECT x'' AS e, '' AS s"));
    assertEquals(
        new Read(new Rows(List.of("x"), List.of())),
        call(supervisor, "query", "SELECT 1 AS x WHERE 0"));
    // more than the guest's memory holds at the start: its allocator grows it for the host
    var big = (Read) call(supervisor, "query", "SELECT zeroblob(150000) AS z");
    var blob = (SqlValue.Blob) big.rows().rows().getFirst().get(0);
    assertArrayEquals(new byte[150000], blob.value());
  }

  @Test
  void aSyntaxErrorComesBackAsSyntaxWithSqlitesCodeAndMessage() throws Exception {
    ComponentInstance supervisor = supervisor(store());
    assertEquals(
        new Failed(
            "syntax",
            1,
            "[SQLITE_ERROR] SQL error or missing database (near \"SELEC\": syntax error)"),
        call(supervisor, "execute", "SELEC 1"));
    var missing = (Failed) call(supervisor, "query", "SELECT * FROM nowhere");
    assertEquals("syntax", missing.kind());
    assertTrue(missing.message().contains("no such table: nowhere"), missing.message());
    // the supervisor carries on after a refused statement
    assertEquals(read(List.of("1"), row(SqlValue.of(1L))), call(supervisor, "query", "SELECT 1"));
  }

  @Test
  void wrongParametersAreBadParameters() throws Exception {
    ComponentInstance supervisor = supervisor(store());
    assertEquals(
        new Failed("bad-parameters", 0, "statement expects 1 parameter(s), given 5"),
        call(supervisor, "query+", "SELECT ?"));
    assertEquals(
        new Failed("bad-parameters", 0, "statement expects 2 parameter(s), given 0"),
        call(supervisor, "query", "SELECT ?, ?2"));
    var named = (Failed) call(supervisor, "query", "SELECT :who");
    assertEquals("bad-parameters", named.kind());
    assertTrue(named.message().startsWith("named parameters are not accepted"), named.message());
  }

  @Test
  void aWriteThroughQueryOrAReadOnlyHandleIsReadOnly() throws Exception {
    SqliteStore store = store();
    store.execute(CREATE, List.of());
    var throughQuery = (Failed) call(supervisor(store), "query+", INSERT);
    assertEquals("read-only", throughQuery.kind());
    assertEquals(8, throughQuery.sqliteCode()); // SQLITE_READONLY
    var throughHandle = (Failed) call(supervisor(store.readOnly()), "execute+", INSERT);
    assertEquals("read-only", throughHandle.kind());
    assertEquals(8, throughHandle.sqliteCode() & 0xff);
    assertEquals(List.of(), store.query("SELECT * FROM kept", List.of()).rows());
  }

  @Test
  void aRefusedWriteIsAConstraintWithTheExtendedCode() throws Exception {
    ComponentInstance supervisor = supervisor(store());
    call(supervisor, "execute", CREATE);
    call(supervisor, "execute+", INSERT);
    var unique = (Failed) call(supervisor, "execute+", INSERT);
    assertEquals("constraint", unique.kind());
    assertEquals(2067, unique.sqliteCode()); // SQLITE_CONSTRAINT_UNIQUE
    assertTrue(unique.message().contains("UNIQUE constraint failed: kept.t"), unique.message());
    call(supervisor, "execute", "CREATE TABLE strict (x NOT NULL)");
    var notNull = (Failed) call(supervisor, "execute", "INSERT INTO strict VALUES (NULL)");
    assertEquals(new Failed("constraint", 1299, notNull.message()), notNull); // NOTNULL
  }

  @Test
  void aStatementPastTheTimeoutIsTimeout() throws Exception {
    ComponentInstance supervisor = supervisor(store(s -> s.withStatementTimeoutMs(200)));
    var slow =
        (Failed)
            call(
                supervisor,
                "query",
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
                    + " WHERE x < 1000000000) SELECT count(*) FROM c");
    assertEquals("timeout", slow.kind());
    assertEquals(9, slow.sqliteCode()); // SQLITE_INTERRUPT
  }

  @Test
  void moreRowsThanTheLimitIsRowLimit() throws Exception {
    ComponentInstance supervisor = supervisor(store(s -> s.withRowLimit(2)));
    assertEquals(
        new Failed(
            "row-limit",
            0,
            "the statement returns more than the row limit of 2 rows; narrow it or page with"
                + " LIMIT/OFFSET"),
        call(supervisor, "query", "SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3"));
  }

  @Test
  void aDatabaseLockedPastTheBusyTimeoutIsBusy() throws Exception {
    SqliteStore store = store(s -> new StoreSettings(s.path(), 100, 30_000, 10_000, 1));
    store.execute(CREATE, List.of());
    ComponentInstance supervisor = supervisor(store);
    // another process's connection holds the write lock
    try (Connection other =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("component-state.db"));
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");
      var locked = (Failed) call(supervisor, "execute+", INSERT);
      assertEquals("busy", locked.kind());
      assertEquals(5, locked.sqliteCode() & 0xff); // SQLITE_BUSY
      statement.execute("ROLLBACK");
    }
    assertEquals(wrote(1, 1, Rows.EMPTY), call(supervisor, "execute+", INSERT));
  }

  @Test
  void whatBrioRefusesAndAClosedStoreAreOther() throws Exception {
    SqliteStore store = store();
    ComponentInstance supervisor = supervisor(store);
    assertEquals(
        new Failed(
            "other",
            0,
            "PRAGMA is not accepted: it changes brio.db's files or settings, which the kernel"
                + " owns"),
        call(supervisor, "execute", "PRAGMA journal_mode = delete"));
    store.close();
    assertEquals(
        new Failed("other", 0, "the store is closed"), call(supervisor, "execute", "SELECT 1"));
  }

  @Test
  void aHostFailureThatIsNotASqlExceptionIsOtherAndTheGuestLivesOn() throws Exception {
    SqliteStore store = store();
    // The real store cannot be made to throw a RuntimeException on demand, so this handle
    // breaks the statement "boom" the way a bug in a store would, and runs the rest on the store.
    SqlState buggy =
        new SqlState() {
          @Override
          public Rows query(String sql, List<SqlValue> params) throws SqlException {
            if (sql.equals("boom")) {
              throw new IllegalStateException("reader pool corrupted");
            }
            return store.query(sql, params);
          }

          @Override
          public Outcome execute(String sql, List<SqlValue> params) throws SqlException {
            if (sql.equals("boom")) {
              throw new NullPointerException();
            }
            return store.execute(sql, params);
          }

          @Override
          public SqlState readOnly() {
            return this;
          }
        };
    ComponentInstance supervisor = supervisor(buggy);
    assertEquals(
        new Failed(
            "other",
            0,
            "the SQL state failed: java.lang.IllegalStateException: reader pool corrupted"),
        call(supervisor, "query", "boom"));
    assertEquals(
        new Failed("other", 0, "the SQL state failed: java.lang.NullPointerException"),
        call(supervisor, "execute", "boom"));
    assertEquals(read(List.of("1"), row(SqlValue.of(1L))), call(supervisor, "query", "SELECT 1"));
  }

  /** Reads the fixture's dump (its format is described in supervisor-sql.wat). */
  static final class Dump {
    /** error-kind's cases in wit/state.wit's order: the guest sees the case's index. */
    private static final List<String> KINDS =
        List.of(
            "syntax",
            "bad-parameters",
            "read-only",
            "constraint",
            "timeout",
            "row-limit",
            "busy",
            "other");

    private final ByteBuffer in;

    private Dump(byte[] bytes) {
      in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static Answer decode(boolean query, byte[] bytes) {
      Dump dump = new Dump(bytes);
      Answer answer = dump.answer(query);
      assertEquals(0, dump.in.remaining(), "bytes left over in the dump");
      return answer;
    }

    private Answer answer(boolean query) {
      if (in.get() == 1) {
        String kind = KINDS.get(in.get());
        int code = in.getInt();
        return new Failed(kind, code, text());
      }
      if (query) {
        return new Read(rows());
      }
      long changes = in.getLong();
      long rowid = in.getLong();
      return new Wrote(new Outcome(changes, rowid, rows()));
    }

    private Rows rows() {
      List<String> columns = new ArrayList<>();
      for (int i = in.getInt(); i > 0; i--) {
        columns.add(text());
      }
      List<Row> rows = new ArrayList<>();
      for (int i = in.getInt(); i > 0; i--) {
        List<SqlValue> values = new ArrayList<>();
        for (int j = in.getInt(); j > 0; j--) {
          values.add(value());
        }
        rows.add(new Row(values));
      }
      return new Rows(columns, rows);
    }

    private SqlValue value() {
      return switch (in.get()) {
        case 0 -> SqlValue.NULL;
        case 1 -> new SqlValue.Integer(in.getLong());
        case 2 -> new SqlValue.Real(in.getDouble());
        case 3 -> new SqlValue.Text(text());
        case 4 -> new SqlValue.Blob(bytes());
        default -> throw new AssertionError("no sql-value case " + in.get(in.position() - 1));
      };
    }

    private byte[] bytes() {
      byte[] bytes = new byte[in.getInt()];
      in.get(bytes);
      return bytes;
    }

    private String text() {
      return new String(bytes(), StandardCharsets.UTF_8);
    }
  }
}
