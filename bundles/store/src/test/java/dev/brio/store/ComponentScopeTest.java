package dev.brio.store;

import static dev.brio.store.Sql.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import dev.brio.api.state.KernelEvent;
import dev.brio.api.state.Outcome;
import dev.brio.api.state.Row;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The component-scoped store on real files: it serves the supervisor's tasks and its own tables,
 * and no statement through it reaches the kernel's tables in brio.db, which keep working for the
 * kernel.
 */
class ComponentScopeTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final byte[] SNAPSHOT = {1, 2, 3, 4};

  @TempDir Path dir;
  SqliteStore kernel;
  SqliteStore component;
  SqliteSessionLedger ledger;
  SqliteEventLog events;

  @BeforeEach
  void open() throws Exception {
    Path brioDb = dir.resolve("brio.db");
    kernel = SqliteStore.open(StoreSettings.defaults(brioDb));
    component =
        SqliteStore.openComponentState(
            StoreSettings.defaults(StoreComponent.componentStatePath("", brioDb)));
    ledger = SqliteSessionLedger.of(kernel);
    events = new SqliteEventLog(kernel, InstantSource.fixed(T0));
    ledger.add(session("s1"), SNAPSHOT);
    events.append("session.opened", "kernel", "{\"id\":\"s1\"}");
    kernel.execute(
        "INSERT INTO components (name, version, role, digest, path, state)"
            + " VALUES ('sup', '1', 'supervisor', 'abc', '/c/sup.wasm', 'running')",
        List.of());
  }

  @AfterEach
  void close() {
    component.close();
    kernel.close();
  }

  private static SessionRecord session(String id) {
    return new SessionRecord(
        id,
        "/projects/app",
        "/sessions/" + id,
        Optional.empty(),
        SessionState.OPEN,
        true,
        T0,
        Optional.empty());
  }

  @Test
  void componentStateIsItsOwnFileBesideBrioDb() {
    assertEquals(dir.resolve("component-state.db"), component.settings().path());
    assertTrue(Files.isRegularFile(dir.resolve("component-state.db")));
    assertEquals(ComponentSchema.MIGRATIONS.size(), component.schemaVersion());
    assertEquals(
        Path.of("/srv/c.db"), StoreComponent.componentStatePath("/srv/c.db", dir.resolve("x")));
    IllegalArgumentException sameFile =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                StoreComponent.componentStatePath(
                    dir.resolve("sub/../brio.db").toString(), dir.resolve("brio.db")));
    assertTrue(sameFile.getMessage().contains("kernel's own database"), sameFile.getMessage());
  }

  @Test
  void brioDbCannotBeOpenedAsComponentState() throws Exception {
    // A second safety net under the path check: brio.db's schema is newer than the component
    // schema, so opening it as component state is refused and leaves it untouched.
    StoreOpenException e =
        assertThrows(
            StoreOpenException.class,
            () -> SqliteStore.openComponentState(StoreSettings.defaults(dir.resolve("brio.db"))));
    assertEquals(StoreOpenException.Reason.NEWER_SCHEMA, e.reason());
    assertKernelUntouched();
  }

  @Test
  void extensionsCannotBeLoaded() {
    SqlException e =
        assertThrows(
            SqlException.class,
            () -> component.query("SELECT load_extension('/tmp/anything.so')", List.of()));
    assertTrue(e.getMessage().contains("not authorized"), e.getMessage());
  }

  @Test
  void supervisorDoesCrudOnTasks() throws Exception {
    Outcome inserted =
        component.execute(
            "INSERT INTO tasks (content, priority) VALUES (?, ?)", params("write docs", 5));
    assertEquals(1, inserted.changes());
    long id = inserted.lastInsertRowid();
    Outcome claimed =
        component.execute(
            "UPDATE tasks SET status = 'running', agent = ? WHERE id = ? RETURNING status",
            params("writer", id));
    assertEquals(1, claimed.changes());
    assertEquals("running", Sql.text(claimed.returned().rows().getFirst(), 0));
    Rows rows = component.query("SELECT content, agent FROM tasks WHERE id = ?", params(id));
    assertEquals("write docs", Sql.text(rows.rows().getFirst(), 0));
    assertEquals("writer", Sql.text(rows.rows().getFirst(), 1));
    assertEquals(1, component.execute("DELETE FROM tasks WHERE id = ?", params(id)).changes());
    assertEquals(0, Sql.integer(component.query("SELECT count(*) FROM tasks", List.of())));
  }

  @Test
  void supervisorCreatesAndUsesItsOwnTables() throws Exception {
    component.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT) STRICT", List.of());
    component.execute("CREATE INDEX notes_by_body ON notes (body)", List.of());
    component.execute("CREATE VIEW note_bodies AS SELECT body FROM notes", List.of());
    component.execute(
        "CREATE TRIGGER note_task AFTER INSERT ON notes"
            + " BEGIN INSERT INTO tasks (content) VALUES (new.body); END",
        List.of());
    component.execute("INSERT INTO notes (body) VALUES (?)", params("from a note"));
    assertEquals("from a note", single(component.query("SELECT * FROM note_bodies", List.of())));
    assertEquals("from a note", single(component.query("SELECT content FROM tasks", List.of())));
    component.execute("ALTER TABLE notes ADD COLUMN tag TEXT", List.of());
    component.execute("DROP VIEW note_bodies", List.of());
    component.execute("DROP TABLE notes", List.of());
    assertEquals(
        List.of("tasks"),
        component
            .query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", List.of())
            .rows()
            .stream()
            .map(row -> Sql.text(row, 0))
            .toList());
  }

  /** Every way of naming a kernel table; the table each statement names comes first. */
  static Stream<Arguments> kernelTableStatements() {
    return Stream.of(
        Arguments.of("sessions", "SELECT base_path, snapshot FROM sessions"),
        Arguments.of("sessions", "SELECT id FROM main.sessions"),
        Arguments.of("sessions", "SELECT id FROM \"sessions\""),
        Arguments.of("sessions", "SELECT id FROM temp.sessions"),
        Arguments.of("sessions", "SELECT id FROM kernel.sessions"),
        Arguments.of(
            "sessions", "INSERT INTO sessions (id, base_path, root_path) VALUES ('x', '/a', '/b')"),
        Arguments.of("sessions", "UPDATE sessions SET base_path = '/other/project'"),
        Arguments.of("sessions", "DELETE FROM sessions"),
        Arguments.of("sessions", "DROP TABLE sessions"),
        Arguments.of("sessions", "ALTER TABLE sessions ADD COLUMN owner TEXT"),
        Arguments.of("sessions", "CREATE TRIGGER spy AFTER INSERT ON sessions BEGIN SELECT 1; END"),
        Arguments.of("sessions", "WITH s AS (SELECT * FROM sessions) SELECT count(*) FROM s"),
        Arguments.of("sessions", "INSERT INTO tasks (content) SELECT base_path FROM sessions"),
        Arguments.of("events", "SELECT * FROM events"),
        Arguments.of("events", "INSERT INTO events (at, kind, source) VALUES (0, 'fake', 'x')"),
        Arguments.of("events", "DELETE FROM events"),
        Arguments.of("events", "ALTER TABLE events RENAME TO old_events"),
        Arguments.of("events", "CREATE INDEX events_at ON events (at)"),
        Arguments.of("events", "SELECT * FROM tasks WHERE id IN (SELECT id FROM events)"),
        Arguments.of("components", "UPDATE components SET path = '/evil.wasm'"),
        Arguments.of("components", "DELETE FROM components"),
        Arguments.of("components", "DROP TABLE components"));
  }

  @ParameterizedTest
  @MethodSource("kernelTableStatements")
  void kernelTablesAreOutOfReach(String table, String sql) throws Exception {
    SqlException viaExecute =
        assertThrows(SqlException.class, () -> component.execute(sql, List.of()));
    assertNamesMissingTable(table, viaExecute);
    SqlException viaQuery = assertThrows(SqlException.class, () -> component.query(sql, List.of()));
    assertTrue(viaQuery.getMessage().contains(table), viaQuery.getMessage());
    assertKernelUntouched();
  }

  @Test
  void viewsAndTriggersOverKernelTablesFailWhenUsed() throws Exception {
    // SQLite resolves a view's or trigger body's tables when it runs, so these can be created in
    // the component file, but there they can only ever name the component file's own tables.
    component.execute("CREATE VIEW peek AS SELECT base_path FROM sessions", List.of());
    assertNamesMissingTable(
        "sessions",
        assertThrows(SqlException.class, () -> component.query("SELECT * FROM peek", List.of())));
    component.execute(
        "CREATE TRIGGER wipe AFTER INSERT ON tasks BEGIN DELETE FROM sessions; END", List.of());
    assertNamesMissingTable(
        "sessions",
        assertThrows(
            SqlException.class,
            () -> component.execute("INSERT INTO tasks (content) VALUES ('x')", List.of())));
    assertEquals(0, Sql.integer(component.query("SELECT count(*) FROM tasks", List.of())));
    assertKernelUntouched();
  }

  @Test
  void schemaCatalogShowsNoKernelTableAndCannotBeWritten() throws Exception {
    assertEquals(
        0,
        Sql.integer(
            component.query(
                "SELECT count(*) FROM sqlite_schema"
                    + " WHERE name IN ('sessions', 'events', 'components')",
                List.of())));
    assertEquals(
        List.of(),
        component.query("SELECT * FROM pragma_table_info('sessions')", List.of()).rows());
    SqlException e =
        assertThrows(
            SqlException.class,
            () ->
                component.execute(
                    "UPDATE sqlite_schema SET sql = 'x' WHERE name = 'tasks'", List.of()));
    assertTrue(e.getMessage().contains("may not be modified"), e.getMessage());
  }

  @Test
  void pragmasVacuumAndAttachAreRefused() throws Exception {
    String brioDb = dir.resolve("brio.db").toString();
    for (String sql :
        List.of(
            "PRAGMA user_version = 99",
            "PRAGMA writable_schema = ON",
            "pragma main.user_version = 0",
            "VACUUM INTO '" + dir.resolve("copy.db") + "'",
            "ATTACH '" + brioDb + "' AS kernel",
            "attach database '" + brioDb + "' as k")) {
      SqlException e = assertThrows(SqlException.class, () -> component.execute(sql, List.of()));
      assertEquals(SqlErrorKind.OTHER, e.kind(), sql);
      assertTrue(e.getMessage().contains("is not accepted"), e.getMessage());
    }
    assertEquals(
        ComponentSchema.MIGRATIONS.size(),
        Sql.integer(component.query("SELECT * FROM pragma_user_version", List.of())));
    assertEquals(
        BrioSchema.MIGRATIONS.size(),
        Sql.integer(kernel.query("SELECT * FROM pragma_user_version", List.of())));
    assertTrue(Files.notExists(dir.resolve("copy.db")));
    assertKernelUntouched();
  }

  @Test
  void sqliteItselfRefusesAttachOnEveryStoreConnection() throws Exception {
    // Below Brio's statement checks: SQLITE_LIMIT_ATTACHED is 0 on every connection the store
    // opens, so no spelling of ATTACH that slipped past the checks could open brio.db.
    ConnectionFactory factory =
        new ConnectionFactory(StoreSettings.defaults(dir.resolve("component-state.db")));
    for (TimedConnection connection : List.of(factory.openWriter(), factory.openReader())) {
      try (connection;
          Statement statement = connection.jdbc().createStatement()) {
        SQLException e =
            assertThrows(
                SQLException.class,
                () -> statement.execute("ATTACH '" + dir.resolve("brio.db") + "' AS kernel"));
        assertTrue(e.getMessage().contains("too many attached databases"), e.getMessage());
      }
    }
  }

  @Test
  void tasksWrittenByTheComponentStayOutOfBrioDb() throws Exception {
    component.execute("INSERT INTO tasks (content) VALUES ('only here')", List.of());
    assertEquals(1, Sql.integer(component.query("SELECT count(*) FROM tasks", List.of())));
    assertEquals(0, Sql.integer(kernel.query("SELECT count(*) FROM tasks", List.of())));
  }

  @Test
  void kernelKeepsFullAccessToItsTables() throws Exception {
    assertTrue(ledger.add(session("s2"), SNAPSHOT));
    assertTrue(ledger.finish("s2", SessionState.COMMITTED, T0.plusSeconds(5)));
    KernelEvent appended = events.append("session.committed", "kernel", null);
    assertEquals(appended, events.recent(1).getFirst());
    assertEquals(
        1,
        kernel
            .execute("UPDATE components SET state = 'stopped' WHERE name = 'sup'", List.of())
            .changes());
    assertTrue(ledger.delete("s2"));
    assertEquals(1, ledger.records().size());
  }

  private static String single(Rows rows) {
    assertEquals(1, rows.size(), rows.toString());
    return Sql.text(rows.rows().getFirst(), 0);
  }

  private static void assertNamesMissingTable(String table, SqlException e) {
    assertEquals(SqlErrorKind.SYNTAX, e.kind(), e.getMessage());
    assertTrue(e.getMessage().contains("no such table"), e.getMessage());
    assertTrue(e.getMessage().contains(table), e.getMessage());
  }

  private void assertKernelUntouched() throws Exception {
    SessionRecord record = ledger.find("s1").orElseThrow();
    assertEquals("/projects/app", record.basePath());
    assertArrayEquals(SNAPSHOT, ledger.snapshot("s1").orElseThrow());
    assertEquals(1, events.recent(10).size());
    Row component =
        kernel.query("SELECT path FROM components WHERE name = 'sup'", List.of()).rows().getFirst();
    assertEquals(new SqlValue.Text("/c/sup.wasm"), component.get(0));
  }
}
