package dev.brio.extender;

import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.Mesh;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import dev.brio.component.binary.Component;
import dev.brio.component.link.Linker;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.ResultType;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.Value;
import dev.brio.extender.roles.RoleCheck;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code brio:core/service-mesh#call} for one component: a call from the guest goes into the mesh
 * with the component as the {@link Caller}, so its grants are checked before the target sees it,
 * and from the thread that runs the component's own call, so the mesh sees it as that call's child
 * (deadline inherited, cycles caught). The caller is asked for at each call: an agent's changes
 * with the workspace session it works in. Mesh errors come back as the {@code err} string.
 */
final class MeshImport {
  static final String INTERFACE = "service-mesh";
  static final String FUNCTION = "call";

  /** {@code result<payload, string>}. */
  static final ResultType ANSWER =
      new ResultType(Optional.of(PayloadValues.TYPE), Optional.of(PrimitiveType.STRING));

  static final FuncType CALL =
      new FuncType(
          List.of(
              new FuncType.Param("target", PrimitiveType.STRING),
              new FuncType.Param("method", PrimitiveType.STRING),
              new FuncType.Param("args", PayloadValues.TYPE)),
          Optional.of(ANSWER));

  private MeshImport() {}

  /**
   * Defines {@code call} under the exact name {@code component} imports the service mesh by (the
   * linker matches names, version included); a component that does not import it gets nothing.
   */
  static void defineFor(Component component, Linker linker, Mesh mesh, Supplier<Caller> caller) {
    for (NamedExtern imported : component.type().importList()) {
      if (RoleCheck.isBrio(imported.name(), INTERFACE)) {
        linker.define(
            ((ExternName.Interface) imported.name()).text(),
            FUNCTION,
            CALL,
            args -> Optional.of(call(mesh, caller, args)));
      }
    }
  }

  private static Value call(Mesh mesh, Supplier<Caller> caller, List<Value> args) {
    String target = ((StringValue) args.get(0)).value();
    String method = ((StringValue) args.get(1)).value();
    Payload payload = PayloadValues.toPayload(args.get(2));
    try {
      return ResultValue.ok(
          PayloadValues.toValue(mesh.call(caller.get(), target, method, payload)));
    } catch (MeshException e) {
      return ResultValue.err(new StringValue(e.getMessage()));
    }
  }
}
