package dev.brio.store;

import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** A fixed set of read-only connections, each lent to one thread at a time. */
final class ReaderPool implements AutoCloseable {

  /** Work done with a borrowed connection. */
  @FunctionalInterface
  interface Work<T> {
    T run(TimedConnection connection) throws SqlException;
  }

  private final BlockingQueue<TimedConnection> idle;
  private final int size;
  private final int waitMs;
  private volatile boolean closed;

  ReaderPool(List<TimedConnection> connections, int waitMs) {
    this.idle = new ArrayBlockingQueue<>(connections.size(), false, connections);
    this.size = connections.size();
    this.waitMs = waitMs;
  }

  <T> T withReader(Work<T> work) throws SqlException {
    TimedConnection connection = borrow();
    try {
      return work.run(connection);
    } finally {
      giveBack(connection);
    }
  }

  private TimedConnection borrow() throws SqlException {
    if (closed) {
      throw SqliteStore.closedError();
    }
    TimedConnection connection;
    try {
      connection = idle.poll(waitMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SqlException(SqlErrorKind.BUSY, "interrupted while waiting for a reader", 0, e);
    }
    if (connection == null) {
      throw new SqlException(
          SqlErrorKind.BUSY,
          "all " + size + " reader connections stayed busy for " + waitMs + " ms");
    }
    return connection;
  }

  private synchronized void giveBack(TimedConnection connection) {
    if (closed) {
      closeQuietly(connection);
    } else {
      idle.add(connection);
    }
  }

  /** Closes idle connections now and the borrowed ones as they come back. */
  @Override
  public synchronized void close() {
    closed = true;
    TimedConnection connection;
    while ((connection = idle.poll()) != null) {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(TimedConnection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing a read-only connection loses nothing.
    }
  }
}
