package dev.brio.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.api.state.KernelEvent;
import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventLogTest {

  @TempDir Path dir;

  /** A clock that ticks one second per reading, so every event has a known time. */
  private static InstantSource ticking(long startMillis) {
    AtomicLong now = new AtomicLong(startMillis);
    return () -> Instant.ofEpochMilli(now.getAndAdd(1_000));
  }

  @Test
  void appendReturnsTheEventWithIdAndTime() throws Exception {
    try (SqliteStore store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")))) {
      var log = new SqliteEventLog(store, ticking(1_700_000_000_000L));
      KernelEvent first = log.append("kernel.started", "dev.brio.kernel", "{\"pid\":1}");
      KernelEvent second = log.append("component.loaded", "supervisor", null);
      assertEquals(
          new KernelEvent(
              1,
              Instant.ofEpochMilli(1_700_000_000_000L),
              "kernel.started",
              "dev.brio.kernel",
              "{\"pid\":1}"),
          first);
      assertEquals(2, second.id());
      assertEquals(Instant.ofEpochMilli(1_700_000_001_000L), second.at());
    }
  }

  @Test
  void recentReturnsTheNewestEventsNewestLastAndSurvivesRestart() throws Exception {
    Path path = dir.resolve("brio.db");
    try (SqliteStore store = SqliteStore.open(StoreSettings.defaults(path))) {
      var log = new SqliteEventLog(store, ticking(0));
      for (int i = 1; i <= 10; i++) {
        log.append("tick", "test", "{\"n\":" + i + "}");
      }
    }
    try (SqliteStore store = SqliteStore.open(StoreSettings.defaults(path))) {
      var log = new SqliteEventLog(store, InstantSource.system());
      List<KernelEvent> recent = log.recent(3);
      assertEquals(List.of(8L, 9L, 10L), recent.stream().map(KernelEvent::id).toList());
      assertEquals("{\"n\":10}", recent.getLast().detail());
      assertEquals(10, log.recent(100).size());
      assertEquals(List.of(), log.recent(0));
    }
  }

  @Test
  void detailMustBeJson() throws Exception {
    try (SqliteStore store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")))) {
      var log = new SqliteEventLog(store, InstantSource.system());
      SqlException e =
          assertThrows(SqlException.class, () -> log.append("oops", "test", "{not json"));
      assertEquals(SqlErrorKind.CONSTRAINT, e.kind());
      assertEquals(List.of(), log.recent(10));
    }
  }
}
