package dev.brio.store;

import static dev.brio.store.Sql.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.api.state.Row;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Prepared statements are kept per connection; reuse must never change what a statement does. */
class StatementCacheTest {

  @TempDir Path dir;
  SqliteStore store;

  @BeforeEach
  void open() throws Exception {
    // One reader, so every query reuses the same connection and its cached statements.
    store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")).withReaders(1));
    store.execute("CREATE TABLE t (a INTEGER)", List.of());
    store.execute("INSERT INTO t VALUES (1)", List.of());
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void cachedSelectStarSeesColumnsAddedLater() throws Exception {
    assertEquals(List.of("a"), store.query("SELECT * FROM t", List.of()).columns());
    store.execute("ALTER TABLE t ADD COLUMN b TEXT DEFAULT 'x'", List.of());
    Rows after = store.query("SELECT * FROM t", List.of());
    assertEquals(List.of("a", "b"), after.columns());
    assertEquals(new Row(params(1L, "x")), after.rows().getFirst());
    // The same on the writer's own cache.
    assertEquals(
        List.of("a", "b"), store.execute("SELECT * FROM t", List.of()).returned().columns());
  }

  @Test
  void parametersDoNotLeakIntoTheNextUse() throws Exception {
    assertEquals(params(5L), store.query("SELECT ?", params(5)).rows().getFirst().values());
    assertEquals(params("x"), store.query("SELECT ?", params("x")).rows().getFirst().values());
    SqlException e = assertThrows(SqlException.class, () -> store.query("SELECT ?", List.of()));
    assertEquals(SqlErrorKind.BAD_PARAMETERS, e.kind());
    assertEquals(params(7L), store.query("SELECT ?", params(7)).rows().getFirst().values());
  }

  @Test
  void statementStaysUsableAfterItFailed() throws Exception {
    store.execute("CREATE TABLE u (x INTEGER UNIQUE)", List.of());
    String insert = "INSERT INTO u VALUES (?)";
    store.execute(insert, params(1));
    assertThrows(SqlException.class, () -> store.execute(insert, params(1)));
    assertEquals(1, store.execute(insert, params(2)).changes());
  }

  @Test
  void droppedTableIsReportedNotServedFromTheCache() throws Exception {
    store.query("SELECT a FROM t", List.of());
    store.execute("DROP TABLE t", List.of());
    SqlException e =
        assertThrows(SqlException.class, () -> store.query("SELECT a FROM t", List.of()));
    assertEquals(SqlErrorKind.SYNTAX, e.kind());
  }

  @Test
  void leastRecentlyUsedStatementsAreEvicted() throws Exception {
    for (int i = 0; i < 100; i++) {
      assertEquals(
          params((long) i), store.query("SELECT " + i, List.of()).rows().getFirst().values());
    }
    // Still correct after evictions, and old text is prepared again on demand.
    assertEquals(params(0L), store.query("SELECT 0", List.of()).rows().getFirst().values());
  }

  @Test
  void cacheIsBoundedAndEvictsTheLeastRecentlyUsed() throws Exception {
    try (var connection = new ConnectionFactory(store.settings()).openReader();
        var cache = new StatementCache(2)) {
      var jdbc = connection.jdbc();
      var one = jdbc.prepareStatement("SELECT 1");
      cache.put("SELECT 1", one);
      cache.put("SELECT 2", jdbc.prepareStatement("SELECT 2"));
      cache.get("SELECT 1");
      cache.put("SELECT 3", jdbc.prepareStatement("SELECT 3"));
      assertEquals(2, cache.size());
      assertEquals(one, cache.get("SELECT 1"));
      assertEquals(null, cache.get("SELECT 2"));
    }
  }
}
