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
import dev.brio.api.state.SqlValue;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
    return owned(id, createdAt, Optional.empty());
  }

  private static SessionRecord owned(String id, Instant createdAt, Optional<String> owner) {
    return new SessionRecord(
        id,
        "/projects/app",
        "/sessions/" + id,
        owner,
        SessionState.OPEN,
        true,
        createdAt,
        Optional.empty());
  }

  @Test
  void listsPageThroughMoreSessionsThanOneStatementMayReturn() throws Exception {
    store.close();
    store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")).withRowLimit(3));
    ledger = SqliteSessionLedger.of(store);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      // two sessions per millisecond: the page boundary falls between rows of one created_at
      String id = "s" + i;
      ids.add(id);
      ledger.add(owned(id, T0.plusMillis(i / 2), Optional.of("coder")), new byte[] {1});
    }
    ledger.add(owned("other", T0, Optional.of("reviewer")), new byte[] {1});

    assertEquals(9, ledger.records().size());
    assertEquals(ids, ledger.ownedBy("coder").stream().map(SessionRecord::id).toList());
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
            "old",
            "/p",
            "/s/old",
            Optional.of("coder"),
            SessionState.ABORTED,
            false,
            T0,
            Optional.of(T0.plusSeconds(9)));
    assertTrue(ledger.add(aborted, new byte[] {7}));
    assertEquals(Optional.of(aborted), ledger.find("old"));
  }

  @Test
  void theOwnerSurvivesReopeningAndNoOwnerStaysNone() throws Exception {
    assertTrue(ledger.add(owned("mine", T0, Optional.of("coder")), new byte[] {1}));
    assertTrue(ledger.add(open("nobodys", T0.plusSeconds(1)), new byte[] {2}));
    store.close();

    store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")));
    ledger = SqliteSessionLedger.of(store);
    assertEquals(Optional.of("coder"), ledger.find("mine").orElseThrow().owner());
    assertEquals(Optional.of("coder"), ledger.find("mine").orElseThrow().info().owner());
    assertEquals(Optional.empty(), ledger.find("nobodys").orElseThrow().owner());
    assertEquals(
        SqlValue.NULL,
        store
            .query("SELECT owner FROM sessions WHERE id = 'nobodys'", List.of())
            .rows()
            .getFirst()
            .get(0),
        "no owner is NULL in the table, not a made-up name");
  }

  @Test
  void ownedByListsOneOwnersSessionsOpenOrFinishedOldestFirst() throws Exception {
    ledger.add(owned("c-late", T0.plusSeconds(60), Optional.of("coder")), new byte[0]);
    ledger.add(owned("r-1", T0.plusSeconds(30), Optional.of("reviewer")), new byte[0]);
    ledger.add(owned("c-early", T0, Optional.of("coder")), new byte[0]);
    ledger.add(open("none", T0.plusSeconds(10)), new byte[0]);
    ledger.finish("c-early", SessionState.COMMITTED, T0.plusSeconds(90));

    List<SessionRecord> coder = ledger.ownedBy("coder");
    assertEquals(List.of("c-early", "c-late"), coder.stream().map(SessionRecord::id).toList());
    assertEquals(SessionState.COMMITTED, coder.getFirst().state());
    assertEquals(
        List.of("r-1"), ledger.ownedBy("reviewer").stream().map(SessionRecord::id).toList());
    assertEquals(List.of(), ledger.ownedBy("nobody"));
    assertEquals(List.of(), ledger.ownedBy(""), "an empty name is nobody's name either");
    String plan =
        store
            .query(
                "EXPLAIN QUERY PLAN SELECT id FROM sessions WHERE owner = ?"
                    + " ORDER BY created_at, id",
                params("coder"))
            .rows()
            .stream()
            .map(row -> Sql.text(row, 3))
            .toList()
            .toString();
    assertTrue(
        plan.contains("sessions_by_owner"), "an owner's sessions come from its index: " + plan);
  }

  @Test
  void aBlankOwnerIsRefused() {
    IllegalArgumentException blank =
        assertThrows(IllegalArgumentException.class, () -> owned("x", T0, Optional.of(" ")));
    assertTrue(blank.getMessage().contains("session x"), blank.getMessage());
    SqlException empty =
        assertThrows(
            SqlException.class,
            () ->
                store.execute(
                    "INSERT INTO sessions (id, base_path, root_path, owner) VALUES (?, ?, ?, ?)",
                    params("y", "/p", "/s/y", "")));
    assertEquals(SqlErrorKind.CONSTRAINT, empty.kind());
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
