package dev.brio.extender;

import dev.brio.api.state.SqlErrorKind;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlState;
import dev.brio.api.state.SqlValue;
import dev.brio.component.binary.Component;
import dev.brio.component.link.Linker;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import dev.brio.extender.roles.RoleCheck;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code brio:core/sql-state} for a supervisor: {@code query} and {@code execute} run on the
 * kernel's {@link SqlState}. Every failure comes back to the guest as a {@code sql-error} it can
 * handle: a {@link SqlException} with its kind, SQLite's message and extended code; any other
 * exception of the store as {@code other}, since a broken statement must not kill the supervisor.
 */
final class SqlStateImport {
  private static final Logger LOG = LoggerFactory.getLogger(SqlStateImport.class);

  static final String INTERFACE = "sql-state";
  static final String QUERY = "query";
  static final String EXECUTE = "execute";

  private SqlStateImport() {}

  /** As {@link #defineFor(Component, Linker, Supplier)}, over one store that is always there. */
  static void defineFor(Component component, Linker linker, SqlState state) {
    Objects.requireNonNull(state, "state");
    defineFor(component, linker, () -> Optional.of(state));
  }

  /**
   * Defines {@code query} and {@code execute} under the exact name {@code component} imports {@code
   * brio:core/sql-state} by (the linker matches names, version included); a component that does not
   * import it gets nothing. The types are the contract's ({@link SqlStateTypes}): an import of
   * another type is refused when the component is linked, naming the function.
   *
   * <p>The store is looked up at each statement: the service may start after the supervisor, or be
   * replaced (a restart of the store closes the old one). While there is none, a statement answers
   * {@code err(other)} saying so.
   */
  static void defineFor(Component component, Linker linker, Supplier<Optional<SqlState>> state) {
    Objects.requireNonNull(state, "state");
    for (NamedExtern imported : component.type().importList()) {
      if (RoleCheck.isBrio(imported.name(), INTERFACE)) {
        String iface = ((ExternName.Interface) imported.name()).text();
        linker.define(
            iface,
            QUERY,
            SqlStateTypes.QUERY,
            args ->
                answer(
                    iface + "#" + QUERY,
                    () -> SqlStateValues.rows(current(state).query(sql(args), params(args)))));
        linker.define(
            iface,
            EXECUTE,
            SqlStateTypes.EXECUTE,
            args ->
                answer(
                    iface + "#" + EXECUTE,
                    () -> SqlStateValues.outcome(current(state).execute(sql(args), params(args)))));
      }
    }
  }

  private static SqlState current(Supplier<Optional<SqlState>> state) throws SqlException {
    return state
        .get()
        .orElseThrow(
            () -> new SqlException(SqlErrorKind.OTHER, "the SQL state service is not running"));
  }

  /** A statement's work: runs it and lowers what it returned. */
  @FunctionalInterface
  private interface Statement {
    Value run() throws SqlException;
  }

  /** {@code ok} with what the statement returned, or {@code err} with why it did not. */
  private static Optional<Value> answer(String function, Statement statement) {
    return Optional.of(result(function, statement));
  }

  private static Value result(String function, Statement statement) {
    try {
      return ResultValue.ok(statement.run());
    } catch (SqlException e) {
      return ResultValue.err(
          SqlStateValues.error(
              e.kind(),
              Objects.requireNonNullElse(e.getMessage(), SqlStateValues.kindName(e.kind())),
              e.sqliteCode()));
    } catch (RuntimeException e) {
      LOG.warn("{} failed inside the host; the guest gets an `other` error", function, e);
      return ResultValue.err(
          SqlStateValues.error(SqlErrorKind.OTHER, "the SQL state failed: " + e, 0));
    }
  }

  private static String sql(List<Value> args) {
    return ((StringValue) args.getFirst()).value();
  }

  private static List<SqlValue> params(List<Value> args) {
    return SqlStateValues.params(args.get(1));
  }
}
