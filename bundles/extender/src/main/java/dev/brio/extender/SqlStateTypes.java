package dev.brio.extender;

import dev.brio.component.types.EnumType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.List;
import java.util.Optional;

/**
 * The types of {@code brio:core/sql-state} in {@code wit/state.wit}, written out so that the linker
 * compares a component's import with the contract and refuses another type before the component
 * runs. Names and orders are the WIT's: the canonical ABI numbers cases and lays out fields by
 * them.
 */
final class SqlStateTypes {
  static final String NULL = "null";
  static final String INTEGER = "integer";
  static final String REAL = "real";
  static final String TEXT = "text";
  static final String BLOB = "blob";

  /** {@code variant sql-value { null, integer(s64), real(f64), text(string), blob(list<u8>) }}. */
  static final VariantType SQL_VALUE =
      new VariantType(
          List.of(
              new VariantType.Case(NULL, Optional.empty()),
              new VariantType.Case(INTEGER, Optional.of(PrimitiveType.S64)),
              new VariantType.Case(REAL, Optional.of(PrimitiveType.F64)),
              new VariantType.Case(TEXT, Optional.of(PrimitiveType.STRING)),
              new VariantType.Case(BLOB, Optional.<ValueType>of(new ListType(PrimitiveType.U8)))));

  static final ListType VALUES = new ListType(SQL_VALUE);

  /** {@code record row { values: list<sql-value> }}. */
  static final RecordType ROW = new RecordType(List.of(new RecordType.Field("values", VALUES)));

  /** {@code record rows { columns: list<string>, rows: list<row> }}. */
  static final RecordType ROWS =
      new RecordType(
          List.of(
              new RecordType.Field("columns", new ListType(PrimitiveType.STRING)),
              new RecordType.Field("rows", new ListType(ROW))));

  /** {@code record outcome { changes: u64, last-insert-rowid: s64, returned: rows }}. */
  static final RecordType OUTCOME =
      new RecordType(
          List.of(
              new RecordType.Field("changes", PrimitiveType.U64),
              new RecordType.Field("last-insert-rowid", PrimitiveType.S64),
              new RecordType.Field("returned", ROWS)));

  /** {@code enum error-kind}, in the WIT's order. */
  static final EnumType ERROR_KIND =
      new EnumType(
          List.of(
              "syntax",
              "bad-parameters",
              "read-only",
              "constraint",
              "timeout",
              "row-limit",
              "busy",
              "other"));

  /** {@code record sql-error { kind: error-kind, message: string, sqlite-code: s32 }}. */
  static final RecordType SQL_ERROR =
      new RecordType(
          List.of(
              new RecordType.Field("kind", ERROR_KIND),
              new RecordType.Field("message", PrimitiveType.STRING),
              new RecordType.Field("sqlite-code", PrimitiveType.S32)));

  private static final List<FuncType.Param> PARAMS =
      List.of(
          new FuncType.Param("sql", PrimitiveType.STRING), new FuncType.Param("params", VALUES));

  /** {@code query: func(sql: string, params: list<sql-value>) -> result<rows, sql-error>}. */
  static final FuncType QUERY =
      new FuncType(PARAMS, Optional.of(new ResultType(Optional.of(ROWS), Optional.of(SQL_ERROR))));

  /** {@code execute: func(sql: string, params: list<sql-value>) -> result<outcome, sql-error>}. */
  static final FuncType EXECUTE =
      new FuncType(
          PARAMS, Optional.of(new ResultType(Optional.of(OUTCOME), Optional.of(SQL_ERROR))));

  private SqlStateTypes() {}
}
