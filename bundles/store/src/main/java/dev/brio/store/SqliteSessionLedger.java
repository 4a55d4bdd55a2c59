package dev.brio.store;

import dev.brio.api.session.SessionLedger;
import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import dev.brio.api.state.Row;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlState;
import dev.brio.api.state.SqlValue;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Workspace sessions on the {@code sessions} table of {@code brio.db} (schema V2, see {@link
 * BrioSchema}): one row per session holding its record and its snapshot blob. Each method is one
 * statement, so one SQLite transaction; the snapshot is read only when asked for.
 *
 * <p>Plain Java: usable without OSGi. {@link StoreComponent} publishes it as a service.
 */
public final class SqliteSessionLedger implements SessionLedger {

  private static final String COLUMNS =
      "id, base_path, root_path, state, track_touched, created_at, finished_at";

  private final SqlState state;
  private final String database;

  /**
   * @param database how errors name the database (its path)
   */
  public SqliteSessionLedger(SqlState state, String database) {
    this.state = state;
    this.database = database;
  }

  /** The ledger of an open store. */
  public static SqliteSessionLedger of(SqliteStore store) {
    return new SqliteSessionLedger(store, store.settings().path().toString());
  }

  @Override
  public boolean add(SessionRecord record, byte[] snapshot) throws IOException {
    try {
      long at = record.finishedAt().orElse(record.createdAt()).toEpochMilli();
      return state
              .execute(
                  """
                  INSERT INTO sessions
                    (id, base_path, root_path, state, track_touched, snapshot,
                     created_at, updated_at, finished_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (id) DO NOTHING
                  """,
                  List.of(
                      SqlValue.of(record.id()),
                      SqlValue.of(record.basePath()),
                      SqlValue.of(record.directory()),
                      SqlValue.of(name(record.state())),
                      SqlValue.of(record.trackTouched() ? 1L : 0L),
                      SqlValue.of(snapshot),
                      SqlValue.of(record.createdAt().toEpochMilli()),
                      SqlValue.of(at),
                      record
                          .finishedAt()
                          .map(finished -> SqlValue.of(finished.toEpochMilli()))
                          .orElse(SqlValue.NULL)))
              .changes()
          == 1;
    } catch (SqlException e) {
      throw failure("cannot record session " + record.id(), e);
    }
  }

  @Override
  public Optional<SessionRecord> find(String id) throws IOException {
    try {
      List<Row> rows =
          state
              .query("SELECT " + COLUMNS + " FROM sessions WHERE id = ?", List.of(SqlValue.of(id)))
              .rows();
      return rows.isEmpty() ? Optional.empty() : Optional.of(record(rows.getFirst()));
    } catch (SqlException e) {
      throw failure("cannot read session " + id, e);
    }
  }

  @Override
  public Optional<byte[]> snapshot(String id) throws IOException {
    try {
      List<Row> rows =
          state
              .query("SELECT snapshot FROM sessions WHERE id = ?", List.of(SqlValue.of(id)))
              .rows();
      if (rows.isEmpty()) {
        return Optional.empty();
      }
      return switch (rows.getFirst().get(0)) {
        case SqlValue.Blob(byte[] bytes) -> Optional.of(bytes);
        case SqlValue.Null _ ->
            throw new IOException(database + ": session " + id + " has no snapshot");
        default ->
            throw new IOException(database + ": session " + id + " has a malformed snapshot");
      };
    } catch (SqlException e) {
      throw failure("cannot read the snapshot of session " + id, e);
    }
  }

  @Override
  public List<SessionRecord> records() throws IOException {
    try {
      List<Row> rows =
          state
              .query("SELECT " + COLUMNS + " FROM sessions ORDER BY created_at, id", List.of())
              .rows();
      List<SessionRecord> records = new ArrayList<>(rows.size());
      for (Row row : rows) {
        records.add(record(row));
      }
      return records;
    } catch (SqlException e) {
      throw failure("cannot list sessions", e);
    }
  }

  @Override
  public boolean finish(String id, SessionState newState, Instant at) throws IOException {
    if (newState == SessionState.OPEN) {
      throw new IllegalArgumentException("finishing session " + id + " as OPEN");
    }
    try {
      return state
              .execute(
                  """
                  UPDATE sessions SET state = ?, finished_at = ?, updated_at = ?
                   WHERE id = ? AND state = 'open'
                  """,
                  List.of(
                      SqlValue.of(name(newState)),
                      SqlValue.of(at.toEpochMilli()),
                      SqlValue.of(at.toEpochMilli()),
                      SqlValue.of(id)))
              .changes()
          == 1;
    } catch (SqlException e) {
      throw failure("cannot finish session " + id, e);
    }
  }

  @Override
  public boolean delete(String id) throws IOException {
    try {
      return state.execute("DELETE FROM sessions WHERE id = ?", List.of(SqlValue.of(id))).changes()
          == 1;
    } catch (SqlException e) {
      throw failure("cannot delete session " + id, e);
    }
  }

  private SessionRecord record(Row row) throws IOException {
    String id = text(row.get(0));
    try {
      Optional<Instant> finishedAt =
          row.get(6) instanceof SqlValue.Integer(long ms)
              ? Optional.of(Instant.ofEpochMilli(ms))
              : Optional.empty();
      return new SessionRecord(
          id,
          text(row.get(1)),
          text(row.get(2)),
          SessionState.valueOf(text(row.get(3)).toUpperCase(Locale.ROOT)),
          integer(row.get(4)) != 0,
          Instant.ofEpochMilli(integer(row.get(5))),
          finishedAt);
    } catch (RuntimeException malformed) {
      throw new IOException(database + ": malformed row for session " + id, malformed);
    }
  }

  private static String name(SessionState value) {
    return value.name().toLowerCase(Locale.ROOT);
  }

  private static String text(SqlValue value) {
    return ((SqlValue.Text) value).value();
  }

  private static long integer(SqlValue value) {
    return ((SqlValue.Integer) value).value();
  }

  private IOException failure(String what, SqlException cause) {
    return new IOException(database + ": " + what + ": " + cause.getMessage(), cause);
  }
}
