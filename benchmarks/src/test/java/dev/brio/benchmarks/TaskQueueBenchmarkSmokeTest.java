package dev.brio.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** Runs every benchmark method once, untimed, so the benchmark code cannot rot unnoticed. */
class TaskQueueBenchmarkSmokeTest {

  private final TaskQueueBenchmark benchmark = new TaskQueueBenchmark();

  @Test
  void brioSideInsertsAndClaims() throws Exception {
    var brio = new TaskQueueBenchmark.BrioStore();
    brio.open();
    try {
      assertEquals(1, benchmark.brioInsert(brio));
      // Inserts task 2 (priority 2), then claims the highest priority pending task: task 2.
      assertEquals(2, benchmark.brioInsertAndClaim(brio));
    } finally {
      brio.close();
    }
    assertFalse(Files.exists(brio.folder));
  }

  @Test
  void jdbcBaselineInsertsAndClaims() throws Exception {
    var jdbc = new TaskQueueBenchmark.RawJdbc();
    jdbc.open();
    try {
      assertEquals(1, benchmark.jdbcInsert(jdbc)); // one row changed
      assertEquals(2, benchmark.jdbcInsertAndClaim(jdbc));
    } finally {
      jdbc.close();
    }
    assertFalse(Files.exists(jdbc.folder));
  }
}
