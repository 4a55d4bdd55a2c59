package dev.brio.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file the store does not recognise is refused and left exactly as it was. */
class StoreRefusalTest {

  @TempDir Path dir;

  @Test
  void garbageFileIsRefusedAndUntouched() throws Exception {
    Path path = dir.resolve("brio.db");
    byte[] garbage = new byte[4096];
    new Random(42).nextBytes(garbage);
    Files.write(path, garbage);

    StoreOpenException e =
        assertThrows(
            StoreOpenException.class, () -> SqliteStore.open(StoreSettings.defaults(path)));

    assertEquals(StoreOpenException.Reason.NOT_A_DATABASE, e.reason());
    assertEquals(path.toAbsolutePath(), e.path());
    assertTrue(e.getMessage().contains(path.toAbsolutePath().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("is not a Brio database"), e.getMessage());
    assertTrue(e.getMessage().contains("left untouched"), e.getMessage());
    assertArrayEquals(garbage, Files.readAllBytes(path));
  }

  @Test
  void textFileIsRefusedAndUntouched() throws Exception {
    Path path = dir.resolve("notes.txt");
    byte[] text = "these are my notes, not a database\n".repeat(200).getBytes();
    Files.write(path, text);

    StoreOpenException e =
        assertThrows(
            StoreOpenException.class, () -> SqliteStore.open(StoreSettings.defaults(path)));

    assertEquals(StoreOpenException.Reason.NOT_A_DATABASE, e.reason());
    assertArrayEquals(text, Files.readAllBytes(path));
  }

  @Test
  void newerSchemaIsRefusedNamingBothVersionsAndUntouched() throws Exception {
    Path path = dir.resolve("brio.db");
    int future = BrioSchema.MIGRATIONS.size() + 5;
    try (SqliteStore store = SqliteStore.open(StoreSettings.defaults(path))) {
      assertEquals(BrioSchema.MIGRATIONS.size(), store.schemaVersion());
    }
    // sql-state refuses PRAGMA, so the newer version is written the way another program would.
    var source = new org.sqlite.SQLiteDataSource(new org.sqlite.SQLiteConfig());
    source.setUrl("jdbc:sqlite:" + path);
    try (var connection = source.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("PRAGMA user_version = " + future);
    }
    byte[] before = Files.readAllBytes(path);

    StoreOpenException e =
        assertThrows(
            StoreOpenException.class, () -> SqliteStore.open(StoreSettings.defaults(path)));

    assertEquals(StoreOpenException.Reason.NEWER_SCHEMA, e.reason());
    assertTrue(e.getMessage().contains("schema version " + future), e.getMessage());
    assertTrue(
        e.getMessage().contains("knows versions up to " + BrioSchema.MIGRATIONS.size()),
        e.getMessage());
    assertTrue(e.getMessage().contains("left untouched"), e.getMessage());
    assertArrayEquals(before, Files.readAllBytes(path));
  }

  @Test
  void newerRollbackJournalDatabaseKeepsItsJournalMode() throws Exception {
    // A database from elsewhere in rollback-journal mode: refusing it must not switch it to WAL,
    // which would rewrite the header.
    Path path = dir.resolve("other.db");
    var config = new org.sqlite.SQLiteConfig();
    var source = new org.sqlite.SQLiteDataSource(config);
    source.setUrl("jdbc:sqlite:" + path);
    try (var connection = source.getConnection();
        var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE t (x)");
      statement.execute("PRAGMA user_version = 99");
    }
    byte[] before = Files.readAllBytes(path);

    assertThrows(StoreOpenException.class, () -> SqliteStore.open(StoreSettings.defaults(path)));

    assertArrayEquals(before, Files.readAllBytes(path));
  }

  @Test
  void folderInsteadOfAFileIsUnreadable() {
    StoreOpenException e =
        assertThrows(StoreOpenException.class, () -> SqliteStore.open(StoreSettings.defaults(dir)));
    assertEquals(StoreOpenException.Reason.UNREADABLE, e.reason());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
  }

  @Test
  void missingFolderIsCreated() throws Exception {
    Path path = dir.resolve("a/b/brio.db");
    try (SqliteStore store = SqliteStore.open(StoreSettings.defaults(path))) {
      assertEquals(BrioSchema.MIGRATIONS.size(), store.schemaVersion());
    }
    assertTrue(Files.isRegularFile(path));
  }
}
