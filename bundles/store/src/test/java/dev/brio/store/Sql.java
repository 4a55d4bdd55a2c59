package dev.brio.store;

import dev.brio.api.state.Row;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlValue;
import java.util.ArrayList;
import java.util.List;

/** Small helpers that keep the tests readable. */
final class Sql {
  private Sql() {}

  /** Java values as positional parameters: Long/Integer, Double, String, byte[], null. */
  static List<SqlValue> params(Object... values) {
    List<SqlValue> params = new ArrayList<>();
    for (Object value : values) {
      params.add(
          switch (value) {
            case null -> SqlValue.NULL;
            case Integer i -> SqlValue.of((long) i);
            case Long l -> SqlValue.of((long) l);
            case Double d -> SqlValue.of((double) d);
            case String s -> SqlValue.of(s);
            case byte[] b -> SqlValue.of(b);
            default -> throw new IllegalArgumentException(value.getClass().toString());
          });
    }
    return params;
  }

  static long integer(Rows rows) {
    return integer(rows.rows().getFirst(), 0);
  }

  static long integer(Row row, int column) {
    return ((SqlValue.Integer) row.get(column)).value();
  }

  static String text(Row row, int column) {
    return ((SqlValue.Text) row.get(column)).value();
  }
}
