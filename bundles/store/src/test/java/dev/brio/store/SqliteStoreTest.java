package dev.brio.store;

import static dev.brio.store.Sql.integer;
import static dev.brio.store.Sql.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.state.Outcome;
import dev.brio.api.state.Row;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest {

  @TempDir Path dir;
  SqliteStore store;

  @BeforeEach
  void open() throws Exception {
    store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")));
    store.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT UNIQUE)", List.of());
  }

  @AfterEach
  void close() {
    store.close();
  }

  private long count(String table) throws SqlException {
    return integer(store.query("SELECT count(*) FROM " + table, List.of()));
  }

  @Test
  void opensInWalModeWithForeignKeysAndTheNewestSchema() throws Exception {
    assertEquals(
        new SqlValue.Text("wal"),
        store.query("SELECT * FROM pragma_journal_mode", List.of()).rows().getFirst().get(0));
    assertEquals(
        1, integer(store.execute("SELECT * FROM pragma_foreign_keys", List.of()).returned()));
    assertEquals(BrioSchema.MIGRATIONS.size(), store.schemaVersion());
    assertEquals(
        BrioSchema.MIGRATIONS.size(),
        integer(store.query("SELECT * FROM pragma_user_version", List.of())));
  }

  @Test
  void executeReportsChangesAndLastInsertRowid() throws Exception {
    Outcome first = store.execute("INSERT INTO notes (body) VALUES (?)", params("a"));
    Outcome second = store.execute("INSERT INTO notes (body) VALUES (?), (?)", params("b", "c"));
    assertEquals(new Outcome(1, 1, Rows.EMPTY), first);
    assertEquals(new Outcome(2, 3, Rows.EMPTY), second);
    assertEquals(3, store.execute("UPDATE notes SET body = body || '!'", List.of()).changes());
    // A statement that writes nothing does not repeat the previous write's count.
    assertEquals(0, store.execute("SELECT * FROM notes", List.of()).changes());
  }

  @Test
  void executeReturnsTheRowsOfReturning() throws Exception {
    Outcome outcome =
        store.execute(
            "INSERT INTO notes (body) VALUES (?), (?) RETURNING id, upper(body) AS loud",
            params("x", "y"));
    assertEquals(2, outcome.changes());
    assertEquals(List.of("id", "loud"), outcome.returned().columns());
    assertEquals(
        List.of(new Row(params(1L, "X")), new Row(params(2L, "Y"))), outcome.returned().rows());
  }

  @Test
  void everyStorageClassRoundTrips() throws Exception {
    store.execute("CREATE TABLE anything (v)", List.of());
    byte[] bytes = {0, 1, (byte) 0xff, 0};
    List<SqlValue> values =
        List.of(
            SqlValue.of(Long.MAX_VALUE),
            SqlValue.of(Long.MIN_VALUE),
            SqlValue.of(42),
            SqlValue.of(-0.5),
            SqlValue.of(Double.MAX_VALUE),
            SqlValue.of("héllo 🌍 \u0000 end"),
            SqlValue.of(""),
            SqlValue.of(bytes),
            SqlValue.of(new byte[0]),
            SqlValue.NULL);
    for (SqlValue value : values) {
      store.execute("INSERT INTO anything (v) VALUES (?)", List.of(value));
    }
    Rows rows = store.query("SELECT v FROM anything ORDER BY rowid", List.of());
    assertEquals(values, rows.rows().stream().map(row -> row.get(0)).toList());
    assertArrayEquals(bytes, ((SqlValue.Blob) rows.rows().get(7).get(0)).value());
  }

  @Test
  void valuesFollowTheirStorageClassNotTheDeclaredType() throws Exception {
    store.execute("CREATE TABLE loose (n INTEGER, t TEXT)", List.of());
    store.execute("INSERT INTO loose VALUES ('not a number', 12)", List.of());
    Row row = store.query("SELECT n, t, 1.0 * 3, NULL FROM loose", List.of()).rows().getFirst();
    // 'not a number' stays TEXT in an INTEGER column; 12 becomes TEXT by the column's affinity.
    assertEquals(
        List.of(SqlValue.of("not a number"), SqlValue.of("12"), SqlValue.of(3.0), SqlValue.NULL),
        row.values());
  }

  @Test
  void badSyntaxIsSyntaxWithSqlitesMessage() {
    SqlException e = assertThrows(SqlException.class, () -> store.query("SELEC 1", List.of()));
    assertEquals(SqlErrorKind.SYNTAX, e.kind());
    assertTrue(e.getMessage().contains("near \"SELEC\": syntax error"), e.getMessage());
    assertEquals(1, e.sqliteCode());
  }

  @Test
  void unknownTableIsSyntaxWithSqlitesMessage() {
    SqlException e =
        assertThrows(SqlException.class, () -> store.execute("DELETE FROM nowhere", List.of()));
    assertEquals(SqlErrorKind.SYNTAX, e.kind());
    assertTrue(e.getMessage().contains("no such table: nowhere"), e.getMessage());
  }

  @Test
  void wrongParameterCountNamesExpectedAndGiven() {
    SqlException tooFew =
        assertThrows(
            SqlException.class,
            () -> store.execute("INSERT INTO notes (id, body) VALUES (?, ?)", params(1)));
    assertEquals(SqlErrorKind.BAD_PARAMETERS, tooFew.kind());
    assertEquals("statement expects 2 parameter(s), given 1", tooFew.getMessage());
    assertEquals(0, tooFew.sqliteCode());

    SqlException tooMany =
        assertThrows(SqlException.class, () -> store.query("SELECT ?", params(1, 2)));
    assertEquals(SqlErrorKind.BAD_PARAMETERS, tooMany.kind());
    assertEquals("statement expects 1 parameter(s), given 2", tooMany.getMessage());
  }

  @Test
  void numberedParametersCountUpToTheHighestIndex() throws Exception {
    Row row = store.query("SELECT ?2, ?1, ?2", params("a", "b")).rows().getFirst();
    assertEquals(params("b", "a", "b"), row.values());
  }

  @Test
  void namedParametersAreRefused() throws Exception {
    for (String sql :
        List.of(
            "SELECT * FROM notes WHERE id = :id",
            "SELECT * FROM notes WHERE id = @id",
            "SELECT * FROM notes WHERE id = $id")) {
      SqlException e = assertThrows(SqlException.class, () -> store.query(sql, params(1)));
      assertEquals(SqlErrorKind.BAD_PARAMETERS, e.kind(), sql);
      assertTrue(e.getMessage().contains("named parameters are not accepted"), e.getMessage());
    }
    // Inside a literal the same characters are just text.
    assertEquals(
        SqlValue.of(":id"), store.query("SELECT ':id'", List.of()).rows().getFirst().get(0));
  }

  @Test
  void javaNullParameterIsRefused() {
    List<SqlValue> withNull = new java.util.ArrayList<>();
    withNull.add(null);
    SqlException e = assertThrows(SqlException.class, () -> store.query("SELECT ?", withNull));
    assertEquals(SqlErrorKind.BAD_PARAMETERS, e.kind());
  }

  @Test
  void secondStatementIsRefusedAndNothingRuns() throws Exception {
    SqlException e =
        assertThrows(
            SqlException.class,
            () ->
                store.execute(
                    "INSERT INTO notes (body) VALUES ('a'); DROP TABLE notes", List.of()));
    assertEquals(SqlErrorKind.SYNTAX, e.kind());
    assertTrue(e.getMessage().startsWith("one statement per call"), e.getMessage());
    assertEquals(0, count("notes"));
  }

  @Test
  void transactionControlAndAttachAreRefused() throws Exception {
    for (String sql :
        List.of(
            "BEGIN",
            "begin immediate",
            "COMMIT",
            "END",
            "ROLLBACK",
            "SAVEPOINT s",
            "RELEASE s",
            "ATTACH ? AS other",
            "DETACH other")) {
      SqlException write = assertThrows(SqlException.class, () -> store.execute(sql, List.of()));
      assertEquals(SqlErrorKind.OTHER, write.kind(), sql);
      assertTrue(write.getMessage().contains("is not accepted"), write.getMessage());
      SqlException read = assertThrows(SqlException.class, () -> store.query(sql, List.of()));
      assertEquals(SqlErrorKind.OTHER, read.kind(), sql);
    }
    // Also after the store used a savepoint of its own (around a write with RETURNING).
    store.execute("INSERT INTO notes (body) VALUES ('r') RETURNING id", List.of());
    for (String own : List.of("SAVEPOINT brio_statement", "RELEASE brio_statement")) {
      assertThrows(SqlException.class, () -> store.execute(own, List.of()), own);
    }
    store.execute("DELETE FROM notes", List.of());
    // Still one statement, one transaction: the next write is visible to readers at once.
    store.execute("INSERT INTO notes (body) VALUES ('visible')", List.of());
    assertEquals(1, count("notes"));
  }

  @Test
  void blankSqlIsRefused() {
    SqlException e = assertThrows(SqlException.class, () -> store.execute(" -- \n", List.of()));
    assertEquals(SqlErrorKind.SYNTAX, e.kind());
  }

  @Test
  void writesThroughQueryAreRefusedBySqlite() throws Exception {
    for (String write :
        List.of(
            "INSERT INTO notes (body) VALUES ('sneaky')",
            "INSERT INTO notes (body) VALUES ('sneaky') RETURNING id",
            "DELETE FROM notes",
            "CREATE TABLE other (x)")) {
      SqlException e = assertThrows(SqlException.class, () -> store.query(write, List.of()));
      assertEquals(SqlErrorKind.READ_ONLY, e.kind(), write);
      assertEquals(8, e.sqliteCode() & 0xff, write);
    }
    assertEquals(0, count("notes"));
  }

  @Test
  void writesThroughTheReadOnlyHandleAreRefusedBySqlite() throws Exception {
    store.execute("INSERT INTO notes (body) VALUES ('kept')", List.of());
    var readOnly = store.readOnly();
    SqlException e =
        assertThrows(
            SqlException.class,
            () -> readOnly.execute("UPDATE notes SET body = 'changed'", List.of()));
    assertEquals(SqlErrorKind.READ_ONLY, e.kind());
    assertThrows(
        SqlException.class,
        () -> readOnly.readOnly().execute("INSERT INTO notes (body) VALUES ('x')", List.of()));
    assertEquals(
        SqlValue.of("kept"),
        readOnly.query("SELECT body FROM notes", List.of()).rows().getFirst().get(0));
    // Reads through execute work on the read-only handle.
    assertEquals(1, integer(readOnly.execute("SELECT count(*) FROM notes", List.of()).returned()));
  }

  @Test
  void constraintViolationIsConstraintWithTheExtendedCode() throws Exception {
    store.execute("INSERT INTO notes (body) VALUES ('once')", List.of());
    SqlException e =
        assertThrows(
            SqlException.class,
            () -> store.execute("INSERT INTO notes (body) VALUES ('once')", List.of()));
    assertEquals(SqlErrorKind.CONSTRAINT, e.kind());
    assertEquals(2067, e.sqliteCode()); // SQLITE_CONSTRAINT_UNIQUE
    assertTrue(e.getMessage().contains("UNIQUE constraint failed: notes.body"), e.getMessage());
  }

  @Test
  void foreignKeysAreEnforced() throws Exception {
    store.execute(
        "CREATE TABLE replies (id INTEGER PRIMARY KEY, note INTEGER REFERENCES notes(id))",
        List.of());
    SqlException e =
        assertThrows(
            SqlException.class,
            () -> store.execute("INSERT INTO replies (note) VALUES (99)", List.of()));
    assertEquals(SqlErrorKind.CONSTRAINT, e.kind());
  }

  @Test
  void rowLimitIsAnErrorNotATruncation() throws Exception {
    try (SqliteStore small =
        SqliteStore.open(StoreSettings.defaults(dir.resolve("small.db")).withRowLimit(3))) {
      assertEquals(
          3,
          small
              .query(
                  "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 3)"
                      + " SELECT x FROM c",
                  List.of())
              .size());
      SqlException e =
          assertThrows(
              SqlException.class,
              () ->
                  small.query(
                      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 4)"
                          + " SELECT x FROM c",
                      List.of()));
      assertEquals(SqlErrorKind.ROW_LIMIT, e.kind());
      assertTrue(e.getMessage().contains("row limit of 3"), e.getMessage());
    }
  }

  @Test
  void returningPastTheRowLimitUndoesTheWrite() throws Exception {
    try (SqliteStore small =
        SqliteStore.open(StoreSettings.defaults(dir.resolve("small.db")).withRowLimit(2))) {
      small.execute("CREATE TABLE t (x)", List.of());
      SqlException e =
          assertThrows(
              SqlException.class,
              () -> small.execute("INSERT INTO t VALUES (1), (2), (3) RETURNING x", List.of()));
      assertEquals(SqlErrorKind.ROW_LIMIT, e.kind());
      assertEquals(0, integer(small.query("SELECT count(*) FROM t", List.of())));
      // Within the limit the same kind of write goes through.
      assertEquals(
          2, small.execute("INSERT INTO t VALUES (1), (2) RETURNING x", List.of()).changes());
      assertEquals(2, integer(small.query("SELECT count(*) FROM t", List.of())));
    }
  }

  @Test
  void slowStatementTimesOutAndTheStoreStaysUsable() throws Exception {
    String countToABillion =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)"
            + " SELECT count(*) FROM c";
    try (SqliteStore quick =
        SqliteStore.open(
            StoreSettings.defaults(dir.resolve("quick.db")).withStatementTimeoutMs(200))) {
      long start = System.nanoTime();
      SqlException read =
          assertThrows(SqlException.class, () -> quick.query(countToABillion, List.of()));
      long elapsedMs = (System.nanoTime() - start) / 1_000_000;
      assertEquals(SqlErrorKind.TIMEOUT, read.kind());
      assertEquals(9, read.sqliteCode()); // SQLITE_INTERRUPT
      assertTrue(elapsedMs < 5_000, "took " + elapsedMs + " ms");

      quick.execute("CREATE TABLE t (x)", List.of());
      SqlException write =
          assertThrows(
              SqlException.class,
              () -> quick.execute("INSERT INTO t " + countToABillion, List.of()));
      assertEquals(SqlErrorKind.TIMEOUT, write.kind());

      // Both the reader and the writer keep working, and the interrupted write left nothing.
      assertEquals(0, integer(quick.query("SELECT count(*) FROM t", List.of())));
      assertEquals(1, quick.execute("INSERT INTO t VALUES (1)", List.of()).changes());
      assertEquals(1, integer(quick.query("SELECT count(*) FROM t", List.of())));
    }
  }

  @Test
  void returningWritePastTheTimeoutIsATimeoutAndLeavesNothing() throws Exception {
    try (SqliteStore quick =
        SqliteStore.open(
            StoreSettings.defaults(dir.resolve("quick.db")).withStatementTimeoutMs(200))) {
      quick.execute("CREATE TABLE t (x)", List.of());
      quick.execute("INSERT INTO t VALUES (0)", List.of());
      SqlException write =
          assertThrows(
              SqlException.class,
              () ->
                  quick.execute(
                      "INSERT INTO t WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c"
                          + " WHERE n < 1000000000) SELECT n FROM c RETURNING x",
                      List.of()));
      assertEquals(SqlErrorKind.TIMEOUT, write.kind(), write.getMessage());
      assertEquals(9, write.sqliteCode()); // SQLITE_INTERRUPT

      // Nothing half-written, and the writer is not left inside a transaction: the next write
      // commits on its own and is still there after a reopen.
      assertEquals(1, integer(quick.query("SELECT count(*) FROM t", List.of())));
      Outcome next = quick.execute("INSERT INTO t VALUES (1) RETURNING x", List.of());
      assertEquals(1, next.changes());
      assertEquals(2, integer(quick.query("SELECT count(*) FROM t", List.of())));
    }
    try (SqliteStore reopened = SqliteStore.open(StoreSettings.defaults(dir.resolve("quick.db")))) {
      assertEquals(2, integer(reopened.query("SELECT count(*) FROM t", List.of())));
    }
  }

  @Test
  void vacuumIntoIsRefusedAndWritesNoFile() throws Exception {
    Path copy = dir.resolve("stolen.db");
    for (boolean viaQuery : new boolean[] {false, true}) {
      SqlException e =
          assertThrows(
              SqlException.class,
              () -> {
                if (viaQuery) {
                  store.query("VACUUM INTO ?", params(copy.toString()));
                } else {
                  store.execute("  vacuum into ?", params(copy.toString()));
                }
              });
      assertEquals(SqlErrorKind.OTHER, e.kind());
      assertTrue(e.getMessage().contains("VACUUM is not accepted"), e.getMessage());
      assertTrue(e.getMessage().contains("the kernel owns"), e.getMessage());
      assertFalse(Files.exists(copy));
    }
    SqlException plain = assertThrows(SqlException.class, () -> store.execute("VACUUM", List.of()));
    assertEquals(SqlErrorKind.OTHER, plain.kind());
  }

  @Test
  void pragmasAreRefusedOnBothPaths() throws Exception {
    for (String pragma :
        List.of(
            "PRAGMA journal_mode = DELETE",
            "PRAGMA writable_schema = ON",
            "/* comment */ pragma query_only = 0",
            "PRAGMA foreign_keys = OFF",
            "PRAGMA user_version")) {
      SqlException write = assertThrows(SqlException.class, () -> store.execute(pragma, List.of()));
      assertEquals(SqlErrorKind.OTHER, write.kind(), pragma);
      assertTrue(write.getMessage().contains("PRAGMA is not accepted"), write.getMessage());
      SqlException read = assertThrows(SqlException.class, () -> store.query(pragma, List.of()));
      assertEquals(SqlErrorKind.OTHER, read.kind(), pragma);
    }
    // Nothing changed.
    assertEquals(
        new SqlValue.Text("wal"),
        store.query("SELECT * FROM pragma_journal_mode", List.of()).rows().getFirst().get(0));
    assertEquals(0, integer(store.query("SELECT * FROM pragma_writable_schema", List.of())));
    assertEquals(
        1, integer(store.execute("SELECT * FROM pragma_foreign_keys", List.of()).returned()));
  }

  @Test
  void restartKeepsEveryRow() throws Exception {
    for (int i = 0; i < 500; i++) {
      store.execute("INSERT INTO notes (body) VALUES (?)", params("note " + i));
    }
    store.execute("INSERT INTO tasks (content, priority) VALUES (?, ?)", params("fix bug", 3));
    store.close();
    store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")));
    assertEquals(500, count("notes"));
    assertEquals(
        SqlValue.of("note 499"),
        store.query("SELECT body FROM notes WHERE id = 500", List.of()).rows().getFirst().get(0));
    Row task =
        store.query("SELECT content, status, priority FROM tasks", List.of()).rows().getFirst();
    assertEquals(params("fix bug", "pending", 3L), task.values());
  }

  @Test
  void closedStoreRefusesStatements() {
    store.close();
    store.close(); // idempotent
    assertThrows(SqlException.class, () -> store.execute("SELECT 1", List.of()));
    assertThrows(SqlException.class, () -> store.query("SELECT 1", List.of()));
  }
}
