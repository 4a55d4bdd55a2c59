package dev.brio.store;

import dev.brio.api.state.EventLog;
import dev.brio.api.state.KernelEvent;
import dev.brio.api.state.Outcome;
import dev.brio.api.state.Row;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlState;
import dev.brio.api.state.SqlValue;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** The kernel's event log on the {@code events} table (see {@link BrioSchema}). */
public final class SqliteEventLog implements EventLog {

  private final SqlState state;
  private final InstantSource clock;

  public SqliteEventLog(SqlState state, InstantSource clock) {
    this.state = state;
    this.clock = clock;
  }

  @Override
  public KernelEvent append(String kind, String source, String detail) throws SqlException {
    long at = clock.millis();
    Outcome outcome =
        state.execute(
            "INSERT INTO events (at, kind, source, detail) VALUES (?, ?, ?, ?) RETURNING id",
            List.of(SqlValue.of(at), SqlValue.of(kind), SqlValue.of(source), SqlValue.of(detail)));
    long id = ((SqlValue.Integer) outcome.returned().rows().getFirst().get(0)).value();
    return new KernelEvent(id, Instant.ofEpochMilli(at), kind, source, detail);
  }

  @Override
  public List<KernelEvent> recent(int limit) throws SqlException {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, was " + limit);
    }
    List<Row> rows =
        state
            .query(
                """
                SELECT id, at, kind, source, detail
                  FROM (SELECT * FROM events ORDER BY id DESC LIMIT ?)
                 ORDER BY id
                """,
                List.of(SqlValue.of(limit)))
            .rows();
    List<KernelEvent> events = new ArrayList<>(rows.size());
    for (Row row : rows) {
      events.add(
          new KernelEvent(
              integer(row.get(0)),
              Instant.ofEpochMilli(integer(row.get(1))),
              text(row.get(2)),
              text(row.get(3)),
              text(row.get(4))));
    }
    return events;
  }

  private static long integer(SqlValue value) {
    return ((SqlValue.Integer) value).value();
  }

  private static String text(SqlValue value) {
    return value instanceof SqlValue.Text(String text) ? text : null;
  }
}
