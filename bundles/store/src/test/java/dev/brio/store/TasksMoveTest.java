package dev.brio.store;

import static dev.brio.store.Sql.integer;
import static dev.brio.store.Sql.params;
import static dev.brio.store.Sql.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.state.Row;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An old brio.db's task queue, on real files, reaches the components' database: every row once,
 * with every column, whatever point an earlier move stopped at.
 */
class TasksMoveTest {

  @TempDir Path dir;
  SqliteStore kernel;
  SqliteStore components;

  @BeforeEach
  void open() throws Exception {
    Path brioDb = dir.resolve("brio.db");
    kernel = SqliteStore.open(StoreSettings.defaults(brioDb));
    components =
        SqliteStore.openComponentState(
            StoreSettings.defaults(StoreComponent.componentStatePath("", brioDb)));
  }

  @AfterEach
  void close() {
    components.close();
    kernel.close();
  }

  @Test
  void movesEveryRowWithEveryColumnAndDropsTheOldTable() throws Exception {
    oldTask(1, "write the parser", "done", "result: ok");
    oldTask(2, "review it", "pending", null);

    assertEquals(new TasksMove.Outcome(2, List.of()), TasksMove.run(kernel, components));

    List<Row> moved =
        components
            .query(
                "SELECT id, content, status, priority, agent, result FROM tasks ORDER BY id",
                List.of())
            .rows();
    assertEquals(2, moved.size());
    assertEquals("write the parser", text(moved.get(0), 1));
    assertEquals("done", text(moved.get(0), 2));
    assertEquals(7, integer(moved.get(0), 3));
    assertEquals("coder", text(moved.get(0), 4));
    assertEquals("result: ok", text(moved.get(0), 5));
    assertEquals("pending", text(moved.get(1), 2));
    assertFalse(hasTasks(kernel), "brio.db's tasks table is dropped once its rows moved");
  }

  @Test
  void aSecondRunFindsNothingToMove() throws Exception {
    oldTask(1, "only once", "pending", null);
    TasksMove.run(kernel, components);

    assertEquals(0, TasksMove.run(kernel, components).added());
    assertEquals(1, integer(components.query("SELECT count(*) FROM tasks", List.of())));
  }

  @Test
  void rowsAnInterruptedMoveAlreadyCopiedAreNotDoubled() throws Exception {
    oldTask(1, "copied before the crash", "running", null);
    oldTask(2, "not yet copied", "pending", null);
    // what the interrupted move wrote: row 1 exactly as brio.db holds it
    Row copied =
        kernel
            .query("SELECT " + TasksMove.COLUMNS + " FROM tasks WHERE id = 1", List.of())
            .rows()
            .getFirst();
    components.execute(
        "INSERT INTO tasks ("
            + TasksMove.COLUMNS
            + ") VALUES ("
            + "?, ".repeat(copied.values().size() - 1)
            + "?)",
        copied.values());

    assertEquals(1, TasksMove.run(kernel, components).added());
    assertEquals(2, integer(components.query("SELECT count(*) FROM tasks", List.of())));
    assertFalse(hasTasks(kernel));
  }

  @Test
  void anIdHoldingAnotherTaskKeepsBrioDbsTableAndIsReported() throws Exception {
    oldTask(1, "from the old queue", "pending", null);
    oldTask(2, "moves", "pending", null);
    components.execute(
        "INSERT INTO tasks (id, content, status) VALUES (?, ?, ?)",
        params(1, "a newer task under the same id", "pending"));

    assertEquals(new TasksMove.Outcome(1, List.of(1L)), TasksMove.run(kernel, components));
    assertTrue(hasTasks(kernel), "the clashing task stays in brio.db");
    assertEquals(
        List.of(1L),
        kernel.query("SELECT id FROM tasks", List.of()).rows().stream()
            .map(row -> integer(row, 0))
            .toList(),
        "only the clashing task: the moved one left brio.db");

    // the supervisor finishes and deletes the moved task; the next start must not bring it back
    components.execute("DELETE FROM tasks WHERE id = 2", List.of());
    assertEquals(new TasksMove.Outcome(0, List.of(1L)), TasksMove.run(kernel, components));
    assertEquals(
        0, integer(components.query("SELECT count(*) FROM tasks WHERE id = 2", List.of())));
    assertEquals(
        "a newer task under the same id",
        text(
            components.query("SELECT content FROM tasks WHERE id = 1", List.of()).rows().getFirst(),
            0));
  }

  @Test
  void aQueueTheSupervisorDroppedReceivesNothingAndBrioDbKeepsItsRows() throws Exception {
    oldTask(1, "kept in brio.db", "pending", null);
    components.execute("DROP TABLE tasks", List.of());

    assertEquals(0, TasksMove.run(kernel, components).added());
    assertTrue(hasTasks(kernel));
    assertEquals(1, integer(kernel.query("SELECT count(*) FROM tasks", List.of())));
  }

  @Test
  void aFreshKernelDatabaseLosesItsEmptyTasksTable() throws Exception {
    assertTrue(hasTasks(kernel), "schema V1 creates tasks in brio.db");

    assertEquals(0, TasksMove.run(kernel, components).added());
    assertFalse(hasTasks(kernel));
    assertTrue(hasTasks(components));
  }

  private void oldTask(long id, String content, String status, String result) throws Exception {
    kernel.execute(
        "INSERT INTO tasks (id, content, status, priority, agent, result) VALUES (?, ?, ?, ?, ?, ?)",
        params(id, content, status, 7, "coder", result));
  }

  private static boolean hasTasks(SqliteStore store) throws Exception {
    return integer(
            store.query(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'tasks'",
                List.of()))
        == 1;
  }
}
