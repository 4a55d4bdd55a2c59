package dev.brio.store;

import static dev.brio.store.Sql.integer;
import static dev.brio.store.Sql.params;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {

  @TempDir Path dir;

  @Test
  void readersRunWhileOneWriterInserts() throws Exception {
    int rows = 1000;
    int readerThreads = 4;
    try (SqliteStore store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")));
        ExecutorService pool = Executors.newFixedThreadPool(readerThreads + 1)) {
      store.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, n INTEGER NOT NULL)", List.of());
      AtomicBoolean writing = new AtomicBoolean(true);
      Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
      AtomicLong reads = new AtomicLong();
      CountDownLatch readersStarted = new CountDownLatch(readerThreads);

      for (int r = 0; r < readerThreads; r++) {
        pool.submit(
            () -> {
              readersStarted.countDown();
              long last = 0;
              while (writing.get()) {
                try {
                  long seen = integer(store.query("SELECT count(*) FROM items", List.of()));
                  // Each read sees a committed snapshot, never fewer rows than an earlier one.
                  if (seen < last) {
                    errors.add(new AssertionError("count went back from " + last + " to " + seen));
                  }
                  last = seen;
                  reads.incrementAndGet();
                } catch (Throwable t) {
                  errors.add(t);
                }
              }
              return null;
            });
      }
      Future<?> writer =
          pool.submit(
              () -> {
                readersStarted.await();
                for (int i = 0; i < rows; i++) {
                  store.execute("INSERT INTO items (n) VALUES (?)", params(i));
                }
                return null;
              });
      writer.get(60, TimeUnit.SECONDS);
      writing.set(false);
      pool.shutdown();
      assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));

      assertEquals(List.of(), List.copyOf(errors));
      assertTrue(reads.get() > 0);
      assertEquals(rows, integer(store.query("SELECT count(*) FROM items", List.of())));
      assertEquals(
          (long) rows * (rows - 1) / 2,
          integer(store.query("SELECT sum(n) FROM items", List.of())));
    }
  }

  @Test
  void noFreeReaderWithinTheBusyTimeoutIsBusy() throws Exception {
    StoreSettings settings = new StoreSettings(dir.resolve("brio.db"), 100, 3_000, 10_000, 1);
    try (SqliteStore store = SqliteStore.open(settings);
        ExecutorService pool = Executors.newSingleThreadExecutor()) {
      CountDownLatch started = new CountDownLatch(1);
      Future<SqlErrorKind> slow =
          pool.submit(
              () -> {
                started.countDown();
                try {
                  store.query(
                      "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c"
                          + " WHERE x < 1000000000) SELECT count(*) FROM c",
                      List.of());
                  return null;
                } catch (SqlException e) {
                  return e.kind();
                }
              });
      started.await();
      Thread.sleep(500); // let the slow query take the only reader
      SqlException busy =
          assertThrows(SqlException.class, () -> store.query("SELECT 1", List.of()));
      assertEquals(SqlErrorKind.BUSY, busy.kind());
      assertEquals(SqlErrorKind.TIMEOUT, slow.get(30, TimeUnit.SECONDS));
      assertEquals(1, integer(store.query("SELECT 1", List.of())));
    }
  }

  @Test
  void moreThreadsThanReadersWaitTheirTurn() throws Exception {
    try (SqliteStore store =
            SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")).withReaders(1));
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Long>> results =
          java.util.stream.IntStream.range(0, 16)
              .mapToObj(i -> pool.submit(() -> integer(store.query("SELECT ? * 2", params(i)))))
              .toList();
      for (int i = 0; i < results.size(); i++) {
        assertEquals(i * 2L, results.get(i).get(30, TimeUnit.SECONDS));
      }
    }
  }
}
