package dev.brio.extender;

import dev.brio.api.state.Outcome;
import dev.brio.api.state.Row;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlValue;
import dev.brio.component.values.EnumValue;
import dev.brio.component.values.F64Value;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.S32Value;
import dev.brio.component.values.S64Value;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The values of {@code brio:core/sql-state} ({@link SqlStateTypes}) between the component engine
 * and the Java {@code SqlState} API: parameters lifted from the guest, rows, outcomes and errors
 * lowered into it.
 */
final class SqlStateValues {
  private SqlStateValues() {}

  /**
   * The parameters a component passed. The engine has already checked them against {@code
   * list<sql-value>}, so anything else here is a bug in the caller, reported as such.
   */
  static List<SqlValue> params(Value list) {
    if (!(list instanceof ListValue(List<Value> elements))) {
      throw new IllegalArgumentException("not a list<sql-value>: " + list);
    }
    List<SqlValue> params = new ArrayList<>(elements.size());
    for (Value element : elements) {
      params.add(sqlValue(element));
    }
    return params;
  }

  private static SqlValue sqlValue(Value value) {
    if (value instanceof VariantValue(String name, Optional<Value> payload)) {
      switch (name) {
        case SqlStateTypes.NULL -> {
          return SqlValue.NULL;
        }
        case SqlStateTypes.INTEGER -> {
          if (payload.orElse(null) instanceof S64Value(long v)) {
            return new SqlValue.Integer(v);
          }
        }
        case SqlStateTypes.REAL -> {
          if (payload.orElse(null) instanceof F64Value(double v)) {
            return new SqlValue.Real(v);
          }
        }
        case SqlStateTypes.TEXT -> {
          if (payload.orElse(null) instanceof StringValue(String v)) {
            return new SqlValue.Text(v);
          }
        }
        case SqlStateTypes.BLOB -> {
          if (payload.orElse(null) instanceof ListValue bytes) {
            // an empty list<u8> is not held as bytes, so it has no array to hand out
            return new SqlValue.Blob(bytes.toU8Array().orElse(new byte[0]));
          }
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException("not a sql-value: " + value);
  }

  static Value value(SqlValue value) {
    return switch (value) {
      case SqlValue.Null _ -> new VariantValue(SqlStateTypes.NULL, Optional.empty());
      case SqlValue.Integer(long v) -> variant(SqlStateTypes.INTEGER, new S64Value(v));
      case SqlValue.Real(double v) -> variant(SqlStateTypes.REAL, new F64Value(v));
      case SqlValue.Text(String v) -> variant(SqlStateTypes.TEXT, new StringValue(v));
      case SqlValue.Blob b -> variant(SqlStateTypes.BLOB, ListValue.ofU8(b.value()));
    };
  }

  private static Value variant(String name, Value payload) {
    return new VariantValue(name, Optional.of(payload));
  }

  static Value rows(Rows rows) {
    List<Value> columns = new ArrayList<>(rows.columns().size());
    for (String column : rows.columns()) {
      columns.add(new StringValue(column));
    }
    List<Value> lowered = new ArrayList<>(rows.size());
    for (Row row : rows.rows()) {
      List<Value> values = new ArrayList<>(row.values().size());
      for (SqlValue v : row.values()) {
        values.add(value(v));
      }
      lowered.add(new RecordValue(List.of(new RecordValue.Field("values", new ListValue(values)))));
    }
    return new RecordValue(
        List.of(
            new RecordValue.Field("columns", new ListValue(columns)),
            new RecordValue.Field("rows", new ListValue(lowered))));
  }

  static Value outcome(Outcome outcome) {
    return new RecordValue(
        List.of(
            new RecordValue.Field("changes", new U64Value(outcome.changes())),
            new RecordValue.Field("last-insert-rowid", new S64Value(outcome.lastInsertRowid())),
            new RecordValue.Field("returned", rows(outcome.returned()))));
  }

  static Value error(SqlErrorKind kind, String message, int sqliteCode) {
    return new RecordValue(
        List.of(
            new RecordValue.Field("kind", new EnumValue(kindName(kind))),
            new RecordValue.Field("message", new StringValue(message)),
            new RecordValue.Field("sqlite-code", new S32Value(sqliteCode))));
  }

  /** The {@code error-kind} case of each kind: a new kind does not compile until it has one. */
  static String kindName(SqlErrorKind kind) {
    return switch (kind) {
      case SYNTAX -> "syntax";
      case BAD_PARAMETERS -> "bad-parameters";
      case READ_ONLY -> "read-only";
      case CONSTRAINT -> "constraint";
      case TIMEOUT -> "timeout";
      case ROW_LIMIT -> "row-limit";
      case BUSY -> "busy";
      case OTHER -> "other";
    };
  }
}
