package dev.brio.extender;

import dev.brio.api.session.SessionException;
import dev.brio.component.binary.Component;
import dev.brio.component.link.HostFunction;
import dev.brio.component.link.Linker;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.ValueType;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import dev.brio.extender.roles.RoleCheck;
import java.util.List;
import java.util.Optional;

/**
 * {@code brio:core/session-fs} for one agent: each function runs on the agent's {@link
 * AgentWorkspace}, which binds and unbinds the agent's workspace as sessions begin and end. A
 * refused or failed operation comes back as the contract's {@code session-error}, never as a trap.
 */
final class SessionFsImport {
  static final String INTERFACE = "session-fs";

  static final FuncType BEGIN =
      new FuncType(
          List.of(new FuncType.Param("base-path", PrimitiveType.STRING)),
          Optional.of(result(PrimitiveType.STRING)));

  static final FuncType COMMIT =
      new FuncType(
          List.of(new FuncType.Param("id", PrimitiveType.STRING)),
          Optional.of(result(SessionFsValues.COMMIT_RESULT)));

  static final FuncType ABORT =
      new FuncType(
          List.of(new FuncType.Param("id", PrimitiveType.STRING)),
          Optional.of(
              new ResultType(Optional.empty(), Optional.of(SessionFsValues.SESSION_ERROR))));

  static final FuncType LIST =
      new FuncType(List.of(), Optional.of(new ListType(SessionFsValues.SESSION_INFO)));

  private SessionFsImport() {}

  /**
   * Defines the interface's functions under the exact name {@code component} imports it by (the
   * linker matches names, version included); a component that does not import it gets nothing.
   */
  static void defineFor(Component component, Linker linker, AgentWorkspace workspace) {
    for (NamedExtern imported : component.type().importList()) {
      if (RoleCheck.isBrio(imported.name(), INTERFACE)) {
        String name = ((ExternName.Interface) imported.name()).text();
        linker.define(
            name,
            "begin-session",
            BEGIN,
            answer(args -> new StringValue(workspace.begin(string(args)).id())));
        linker.define(
            name,
            "commit-session",
            COMMIT,
            answer(args -> SessionFsValues.commitResult(workspace.commit(string(args)))));
        linker.define(
            name,
            "abort-session",
            ABORT,
            args -> {
              try {
                workspace.abort(string(args));
                return Optional.of(new ResultValue(true, Optional.empty()));
              } catch (SessionException e) {
                return Optional.of(ResultValue.err(SessionFsValues.error(e.error())));
              }
            });
        linker.define(
            name,
            "list-sessions",
            LIST,
            args ->
                Optional.of(
                    new ListValue(workspace.list().stream().map(SessionFsValues::info).toList())));
      }
    }
  }

  /** An operation that answers {@code ok(value)}, or {@code err(session-error)} when refused. */
  @FunctionalInterface
  private interface Operation {
    Value run(List<Value> args) throws SessionException;
  }

  private static HostFunction answer(Operation operation) {
    return args -> {
      try {
        return Optional.of(ResultValue.ok(operation.run(args)));
      } catch (SessionException e) {
        return Optional.of(ResultValue.err(SessionFsValues.error(e.error())));
      }
    };
  }

  private static ResultType result(ValueType ok) {
    return new ResultType(Optional.of(ok), Optional.of(SessionFsValues.SESSION_ERROR));
  }

  private static String string(List<Value> args) {
    return ((StringValue) args.getFirst()).value();
  }
}
