package dev.brio.store;

import static dev.brio.store.Sql.integer;
import static dev.brio.store.Sql.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaMigratorTest {

  @TempDir Path dir;

  /** A three-step history that also moves data, to prove each step sees the previous one's rows. */
  private static final List<Migration> HISTORY =
      List.of(
          new Migration(1, "people", List.of("CREATE TABLE people (name TEXT NOT NULL)")),
          new Migration(
              2,
              "ages",
              List.of(
                  "ALTER TABLE people ADD COLUMN age INTEGER NOT NULL DEFAULT 0",
                  "UPDATE people SET age = length(name)")),
          new Migration(
              3,
              "index and audit",
              List.of(
                  "CREATE INDEX people_by_age ON people (age)",
                  "CREATE TABLE audit (what TEXT)",
                  "INSERT INTO audit SELECT 'migrated ' || count(*) FROM people")));

  private SqliteStore open(Path path, List<Migration> migrations) throws StoreOpenException {
    return SqliteStore.open(StoreSettings.defaults(path), new SchemaMigrator(migrations));
  }

  private static Rows schema(SqliteStore store) throws SqlException {
    return store.query(
        "SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
        List.of());
  }

  @Test
  void upgradesStepwiseFromEveryEarlierVersion() throws Exception {
    for (int from = 0; from < HISTORY.size(); from++) {
      Path path = dir.resolve("from-" + from + ".db");
      try (SqliteStore old = open(path, HISTORY.subList(0, from))) {
        assertEquals(from, old.schemaVersion());
        if (from >= 1) {
          old.execute("INSERT INTO people (name) VALUES (?), (?)", params("ada", "grace"));
        }
      }
      try (SqliteStore upgraded = open(path, HISTORY)) {
        assertEquals(3, upgraded.schemaVersion());
        assertEquals(3, integer(upgraded.query("SELECT * FROM pragma_user_version", List.of())));
        long people = from >= 1 ? 2 : 0;
        assertEquals(people, integer(upgraded.query("SELECT count(*) FROM people", List.of())));
        assertEquals(
            "migrated " + people,
            Sql.text(upgraded.query("SELECT what FROM audit", List.of()).rows().getFirst(), 0));
        if (from >= 1) {
          // Migration 2 fills in ages only for the rows that existed when it ran.
          assertEquals(
              from == 1 ? 5 : 0,
              integer(upgraded.query("SELECT age FROM people WHERE name = 'grace'", List.of())),
              "from " + from);
        }
      }
    }
  }

  @Test
  void brioSchemaUpgradesFromEveryEarlierVersionToTheSameSchemaAsAFreshDatabase() throws Exception {
    List<Migration> all = BrioSchema.MIGRATIONS;
    Rows fresh;
    try (SqliteStore store = open(dir.resolve("fresh.db"), all)) {
      fresh = schema(store);
    }
    for (int from = 0; from < all.size(); from++) {
      Path path = dir.resolve("brio-from-" + from + ".db");
      open(path, all.subList(0, from)).close();
      try (SqliteStore upgraded = open(path, all)) {
        assertEquals(all.size(), upgraded.schemaVersion());
        assertEquals(fresh, schema(upgraded), "upgraded from " + from);
      }
    }
  }

  @Test
  void brioSchemaVersion1HasTheKernelTables() throws Exception {
    try (SqliteStore store = open(dir.resolve("brio.db"), BrioSchema.MIGRATIONS)) {
      List<String> tables =
          store
              .query("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", List.of())
              .rows()
              .stream()
              .map(row -> Sql.text(row, 0))
              .toList();
      assertEquals(List.of("components", "events", "sessions", "tasks"), tables);
    }
  }

  @Test
  void brioSchemaVersion2KeepsSessionRowsOfVersion1() throws Exception {
    Path path = dir.resolve("brio.db");
    try (SqliteStore v1 = open(path, BrioSchema.MIGRATIONS.subList(0, 1))) {
      v1.execute(
          "INSERT INTO sessions (id, base_path, root_path, state, created_at, updated_at)"
              + " VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?)",
          params("a", "/p", "/s/a", "open", 10L, 11L, "b", "/p", "/s/b", "paused", 20L, 21L));
    }
    try (SqliteStore v2 = open(path, BrioSchema.MIGRATIONS.subList(0, 2))) {
      Rows rows =
          v2.query(
              "SELECT id, state, track_touched, finished_at FROM sessions ORDER BY id", List.of());
      assertEquals("a", Sql.text(rows.rows().get(0), 0));
      assertEquals("open", Sql.text(rows.rows().get(0), 1));
      assertEquals(0, integer(rows.rows().get(0), 2));
      assertEquals(dev.brio.api.state.SqlValue.NULL, rows.rows().get(0).get(3));
      // A state V2 does not know is carried over as aborted, finished when last updated.
      assertEquals("aborted", Sql.text(rows.rows().get(1), 1));
      assertEquals(21, integer(rows.rows().get(1), 3));
    }
  }

  @Test
  void brioSchemaVersion3GivesSessionRowsOfVersion2NoOwner() throws Exception {
    Path path = dir.resolve("brio.db");
    try (SqliteStore v2 = open(path, BrioSchema.MIGRATIONS.subList(0, 2))) {
      v2.execute(
          "INSERT INTO sessions (id, base_path, root_path, state, track_touched, snapshot,"
              + " created_at, updated_at, finished_at)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          params(
              "open-one",
              "/p",
              "/s/open-one",
              "open",
              1L,
              new byte[] {1, 2},
              10L,
              10L,
              null,
              "done-one",
              "/p",
              "/s/done-one",
              "committed",
              0L,
              new byte[] {3},
              20L,
              30L,
              30L));
    }
    try (SqliteStore v3 = open(path, BrioSchema.MIGRATIONS.subList(0, 3))) {
      SqliteSessionLedger ledger = SqliteSessionLedger.of(v3);
      List<SessionRecord> records = ledger.records();
      assertEquals(
          List.of("open-one", "done-one"), records.stream().map(SessionRecord::id).toList());
      for (SessionRecord record : records) {
        assertEquals(Optional.empty(), record.owner(), record.id() + " had no owner before V3");
      }
      SessionRecord open = records.getFirst();
      assertEquals(SessionState.OPEN, open.state());
      assertTrue(open.trackTouched());
      assertEquals(Instant.ofEpochMilli(10), open.createdAt());
      assertArrayEquals(new byte[] {1, 2}, ledger.snapshot("open-one").orElseThrow());
      assertEquals(Optional.of(Instant.ofEpochMilli(30)), records.get(1).finishedAt());
      assertEquals(List.of(), ledger.ownedBy("coder"), "no agent reaches a V2 session");
    }
  }

  @Test
  void failingMigrationRollsBackAndLeavesTheOldVersion() throws Exception {
    Path path = dir.resolve("brio.db");
    open(path, HISTORY.subList(0, 1)).close();
    List<Migration> broken =
        List.of(
            HISTORY.get(0),
            new Migration(
                2,
                "half done",
                List.of("CREATE TABLE half (x)", "INSERT INTO nowhere VALUES (1)")));

    StoreOpenException e = assertThrows(StoreOpenException.class, () -> open(path, broken));
    assertEquals(StoreOpenException.Reason.MIGRATION_FAILED, e.reason());
    assertTrue(e.getMessage().contains("version 2 (half done)"), e.getMessage());
    assertTrue(e.getMessage().contains("stays at version 1"), e.getMessage());
    assertTrue(e.getMessage().contains("no such table: nowhere"), e.getMessage());

    try (SqliteStore store = open(path, HISTORY.subList(0, 1))) {
      assertEquals(1, store.schemaVersion());
      assertEquals(
          0,
          integer(
              store.query("SELECT count(*) FROM sqlite_schema WHERE name = 'half'", List.of())));
    }
  }

  @Test
  void migrationsMustBeNumberedFromOneWithoutGaps() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new SchemaMigrator(List.of(HISTORY.get(0), HISTORY.get(2))));
    assertThrows(IllegalArgumentException.class, () -> new Migration(0, "zero", List.of()));
  }
}
