package dev.brio.api.state;

import java.util.List;

/** The rows a statement produced, with their column names. */
public record Rows(List<String> columns, List<Row> rows) {
  public static final Rows EMPTY = new Rows(List.of(), List.of());

  public Rows {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  public int size() {
    return rows.size();
  }
}
