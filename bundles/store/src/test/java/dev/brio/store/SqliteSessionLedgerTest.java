package dev.brio.store;

import static dev.brio.store.Sql.params;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session ledger on a real brio.db: rows survive reopening, and the table keeps its rules. */
class SqliteSessionLedgerTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00.123Z");

  @TempDir Path dir;
  SqliteStore store;
  SqliteSessionLedger ledger;

  @BeforeEach
  void open() throws Exception {
    store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")));
    ledger = SqliteSessionLedger.of(store);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static SessionRecord open(String id, Instant createdAt) {
    return new SessionRecord(
        id,
        "/projects/app",
        "/sessions/" + id,
        SessionState.OPEN,
        true,
        createdAt,
        Optional.empty());
  }

  @Test
  void recordAndSnapshotSurviveReopening() throws Exception {
    byte[] snapshot = new byte[700_000];
    for (int i = 0; i < snapshot.length; i++) {
      snapshot[i] = (byte) (i * 31);
    }
    assertTrue(ledger.add(open("a", T0), snapshot));
    store.close();

    store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")));
    ledger = SqliteSessionLedger.of(store);
    assertEquals(Optional.of(open("a", T0)), ledger.find("a"));
    assertArrayEquals(snapshot, ledger.snapshot("a").orElseThrow());
    assertEquals(Optional.empty(), ledger.find("b"));
    assertEquals(Optional.empty(), ledger.snapshot("b"));
  }

  @Test
  void addingAnIdTwiceKeepsTheFirst() throws Exception {
    assertTrue(ledger.add(open("a", T0), new byte[] {1}));
    assertFalse(ledger.add(open("a", T0.plusSeconds(5)), new byte[] {2}));
    assertEquals(T0, ledger.find("a").orElseThrow().createdAt());
    assertArrayEquals(new byte[] {1}, ledger.snapshot("a").orElseThrow());
  }

  @Test
  void listsOldestFirstAndFinishesOnlyOpenSessions() throws Exception {
    ledger.add(open("late", T0.plusSeconds(60)), new byte[0]);
    ledger.add(open("early", T0), new byte[0]);
    assertEquals(
        List.of("early", "late"), ledger.records().stream().map(SessionRecord::id).toList());

    Instant at = T0.plusSeconds(120);
    assertTrue(ledger.finish("early", SessionState.COMMITTED, at));
    assertFalse(ledger.finish("early", SessionState.ABORTED, at.plusSeconds(1)), "not open");
    assertFalse(ledger.finish("missing", SessionState.ABORTED, at), "not recorded");
    SessionRecord finished = ledger.find("early").orElseThrow();
    assertEquals(SessionState.COMMITTED, finished.state());
    assertEquals(Optional.of(at), finished.finishedAt());
    assertThrows(
        IllegalArgumentException.class, () -> ledger.finish("late", SessionState.OPEN, at));

    assertTrue(ledger.delete("early"));
    assertFalse(ledger.delete("early"));
    assertEquals(List.of("late"), ledger.records().stream().map(SessionRecord::id).toList());
  }

  @Test
  void aFinishedRecordCanBeAddedAsIs() throws Exception {
    SessionRecord aborted =
        new SessionRecord(
            "old", "/p", "/s/old", SessionState.ABORTED, false, T0, Optional.of(T0.plusSeconds(9)));
    assertTrue(ledger.add(aborted, new byte[] {7}));
    assertEquals(Optional.of(aborted), ledger.find("old"));
  }

  @Test
  void theTableRefusesStatesAndFinishTimesThatDoNotFit() {
    SqlException unknownState =
        assertThrows(
            SqlException.class,
            () ->
                store.execute(
                    "INSERT INTO sessions (id, base_path, root_path, state) VALUES (?, ?, ?, ?)",
                    params("x", "/p", "/s/x", "paused")));
    assertEquals(SqlErrorKind.CONSTRAINT, unknownState.kind());
    SqlException openButFinished =
        assertThrows(
            SqlException.class,
            () ->
                store.execute(
                    "INSERT INTO sessions (id, base_path, root_path, finished_at)"
                        + " VALUES (?, ?, ?, ?)",
                    params("y", "/p", "/s/y", 5L)));
    assertEquals(SqlErrorKind.CONSTRAINT, openButFinished.kind());
  }

  @Test
  void failuresNameTheDatabaseAndTheSession() {
    store.close();
    IOException e = assertThrows(IOException.class, () -> ledger.find("gone"));
    assertTrue(e.getMessage().contains("brio.db"), e.getMessage());
    assertTrue(e.getMessage().contains("session gone"), e.getMessage());
  }
}
