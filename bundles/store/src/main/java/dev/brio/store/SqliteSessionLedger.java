package dev.brio.store;

import dev.brio.api.session.SessionLedger;
import dev.brio.api.session.SessionRecord;
import dev.brio.api.session.SessionState;
import dev.brio.api.state.Row;
import dev.brio.api.state.Rows;
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
 * Workspace sessions on the {@code sessions} table of {@code brio.db} (schema V3, see {@link
 * BrioSchema}): one row per session holding its record and its snapshot blob. Each method is one
 * statement, so one SQLite transaction; the snapshot is read only when asked for.
 *
 * <p>Plain Java: usable without OSGi. {@link StoreComponent} publishes it as a service.
 */
public final class SqliteSessionLedger implements SessionLedger {

  private static final String COLUMNS =
      "id, base_path, root_path, owner, state, track_touched, created_at, finished_at";

  /** Rows read per statement when listing: lists page through the table, whatever its size. */
  private static final int PAGE = 1_000;

  private final SqlState state;
  private final String database;
  private final int page;

  /**
   * @param database how errors name the database (its path)
   * @param rowLimit the most rows one statement of {@code state} may return
   */
  public SqliteSessionLedger(SqlState state, String database, int rowLimit) {
    this.state = state;
    this.database = database;
    this.page = Math.min(PAGE, rowLimit);
  }

  /** The ledger of an open store. */
  public static SqliteSessionLedger of(SqliteStore store) {
    return new SqliteSessionLedger(
        store, store.settings().path().toString(), store.settings().rowLimit());
  }

  @Override
  public boolean add(SessionRecord record, byte[] snapshot) throws IOException {
    try {
      long at = record.finishedAt().orElse(record.createdAt()).toEpochMilli();
      return state
              .execute(
                  """
                  INSERT INTO sessions
                    (id, base_path, root_path, owner, state, track_touched, snapshot,
                     created_at, updated_at, finished_at)
                  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                  ON CONFLICT (id) DO NOTHING
                  """,
                  List.of(
                      SqlValue.of(record.id()),
                      SqlValue.of(record.basePath()),
                      SqlValue.of(record.directory()),
                      record.owner().map(SqlValue::of).orElse(SqlValue.NULL),
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
    return pages("", List.of(), "cannot list sessions");
  }

  @Override
  public List<SessionRecord> ownedBy(String owner) throws IOException {
    return pages(
        "owner = ? AND ", List.of(SqlValue.of(owner)), "cannot list the sessions of " + owner);
  }

  /**
   * Every row matching {@code filter} (a condition followed by AND, or empty), oldest first, read a
   * page at a time after the last (created_at, id) seen: one statement never returns more than the
   * store's row limit, however many sessions the table keeps until retention removes them.
   */
  private List<SessionRecord> pages(String filter, List<SqlValue> params, String what)
      throws IOException {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM sessions WHERE "
            + filter
            + "(created_at, id) > (?, ?) ORDER BY created_at, id LIMIT "
            + page;
    List<SessionRecord> records = new ArrayList<>();
    long afterCreated = Long.MIN_VALUE;
    String afterId = "";
    while (true) {
      List<SqlValue> bound = new ArrayList<>(params);
      bound.add(SqlValue.of(afterCreated));
      bound.add(SqlValue.of(afterId));
      Rows result;
      try {
        result = state.query(sql, bound);
      } catch (SqlException e) {
        throw failure(what, e);
      }
      for (Row row : result.rows()) {
        records.add(record(row));
      }
      if (result.rows().size() < page) {
        return records;
      }
      SessionRecord last = records.getLast();
      afterCreated = last.createdAt().toEpochMilli();
      afterId = last.id();
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
    String id =
        row.get(0) instanceof SqlValue.Text(String text) ? text : String.valueOf(row.get(0));
    try {
      Optional<String> owner =
          row.get(3) instanceof SqlValue.Text(String name) ? Optional.of(name) : Optional.empty();
      Optional<Instant> finishedAt =
          row.get(7) instanceof SqlValue.Integer(long ms)
              ? Optional.of(Instant.ofEpochMilli(ms))
              : Optional.empty();
      return new SessionRecord(
          text(row.get(0)),
          text(row.get(1)),
          text(row.get(2)),
          owner,
          SessionState.valueOf(text(row.get(4)).toUpperCase(Locale.ROOT)),
          integer(row.get(5)) != 0,
          Instant.ofEpochMilli(integer(row.get(6))),
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
