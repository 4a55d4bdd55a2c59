package dev.brio.api.state;

import java.util.List;

/** One result row: its values in column order, as {@code row} in {@code wit/state.wit}. */
public record Row(List<SqlValue> values) {
  public Row {
    values = List.copyOf(values);
  }

  public SqlValue get(int column) {
    return values.get(column);
  }
}
