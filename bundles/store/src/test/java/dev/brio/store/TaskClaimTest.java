package dev.brio.store;

import static dev.brio.store.Sql.integer;
import static dev.brio.store.Sql.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.state.Outcome;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlState;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor's way of taking work: one UPDATE ... RETURNING, atomic in SQLite, on the
 * components' database file where its tasks live.
 */
class TaskClaimTest {

  static final String CLAIM =
      """
      UPDATE tasks SET status = 'running', agent = ?, started_at = ?, updated_at = ?
       WHERE id = (SELECT id FROM tasks WHERE status = 'pending'
                    ORDER BY priority DESC, id LIMIT 1)
      RETURNING id, content""";

  @TempDir Path dir;

  private static long insertTask(SqlState state, String content, int priority) throws SqlException {
    return state
        .execute("INSERT INTO tasks (content, priority) VALUES (?, ?)", params(content, priority))
        .lastInsertRowid();
  }

  /** The claimed task's id, or -1 when nothing is pending. */
  private static long claim(SqlState state, String agent) throws SqlException {
    long now = System.currentTimeMillis();
    Outcome outcome = state.execute(CLAIM, params(agent, now, now));
    return outcome.returned().size() == 0 ? -1 : integer(outcome.returned().rows().getFirst(), 0);
  }

  @Test
  void claimsByPriorityThenAge() throws Exception {
    try (SqliteStore store =
        SqliteStore.openComponentState(StoreSettings.defaults(dir.resolve("component-state.db")))) {
      long low = insertTask(store, "low", 0);
      long high = insertTask(store, "high", 5);
      long mid = insertTask(store, "mid", 2);
      long high2 = insertTask(store, "high too", 5);

      Outcome first = store.execute(CLAIM, params("agent-a", 1L, 1L));
      assertEquals(1, first.changes());
      assertEquals(List.of("id", "content"), first.returned().columns());
      assertEquals(params(high, "high"), first.returned().rows().getFirst().values());

      assertEquals(high2, claim(store, "agent-a"));
      assertEquals(mid, claim(store, "agent-a"));
      assertEquals(low, claim(store, "agent-a"));
      assertEquals(-1, claim(store, "agent-a"));

      assertEquals(
          params("running", "agent-a", 1L),
          store
              .query("SELECT status, agent, started_at FROM tasks WHERE id = ?", params(high))
              .rows()
              .getFirst()
              .values());
    }
  }

  @Test
  void claimUsesThePendingIndex() throws Exception {
    try (SqliteStore store =
        SqliteStore.openComponentState(StoreSettings.defaults(dir.resolve("component-state.db")))) {
      String plan =
          store
              .query(
                  "EXPLAIN QUERY PLAN SELECT id FROM tasks WHERE status = 'pending'"
                      + " ORDER BY priority DESC, id LIMIT 1",
                  List.of())
              .rows()
              .stream()
              .map(row -> Sql.text(row, 3))
              .reduce("", String::concat);
      assertTrue(plan.contains("tasks_pending_by_priority"), plan);
      assertTrue(!plan.contains("TEMP B-TREE"), plan);
    }
  }

  @Test
  void concurrentClaimersNeverShareATask() throws Exception {
    int tasks = 300;
    Path path = dir.resolve("component-state.db");
    // Two stores on one file, as two kernels would be: SQLite's own locking keeps claims apart,
    // not just the writer lock inside one store.
    try (SqliteStore first = SqliteStore.openComponentState(StoreSettings.defaults(path));
        SqliteStore second = SqliteStore.openComponentState(StoreSettings.defaults(path));
        ExecutorService pool = Executors.newFixedThreadPool(4)) {
      for (int i = 0; i < tasks; i++) {
        insertTask(first, "task " + i, i % 7);
      }
      List<Future<List<Long>>> claimers = new ArrayList<>();
      for (int c = 0; c < 4; c++) {
        SqlState store = c % 2 == 0 ? first : second;
        String agent = "agent-" + c;
        claimers.add(
            pool.submit(
                () -> {
                  List<Long> mine = new ArrayList<>();
                  for (long id = claim(store, agent); id != -1; id = claim(store, agent)) {
                    mine.add(id);
                  }
                  return mine;
                }));
      }
      Set<Long> claimed = new HashSet<>();
      int total = 0;
      for (Future<List<Long>> claimer : claimers) {
        List<Long> mine = claimer.get(60, TimeUnit.SECONDS);
        total += mine.size();
        claimed.addAll(mine);
      }
      assertEquals(tasks, total, "a task was claimed twice");
      assertEquals(tasks, claimed.size());
      assertEquals(
          tasks,
          integer(first.query("SELECT count(*) FROM tasks WHERE status = 'running'", List.of())));
    }
  }
}
