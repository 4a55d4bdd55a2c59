package dev.brio.component.link;

import com.dylibso.chicory.wasm.types.FunctionType;
import com.dylibso.chicory.wasm.types.ValType;
import dev.brio.component.resources.Handle;
import dev.brio.component.types.ResourceType;
import java.util.List;

/** {@code canon resource.new}, {@code resource.rep} and {@code resource.drop} as core functions. */
final class ResourceBuiltins {
  private static final FunctionType I32_TO_I32 =
      FunctionType.of(List.of(ValType.I32), List.of(ValType.I32));
  private static final FunctionType I32_TO_NONE = FunctionType.of(List.of(ValType.I32), List.of());

  private ResourceBuiltins() {}

  /** {@code canon_resource_new}. */
  static CoreFunc resourceNew(GuestInstance inst, ResourceType rt) {
    return new CoreFunc(
        "resource.new " + rt.hint(),
        I32_TO_I32,
        args -> {
          inst.checkMayLeave("resource.new " + rt.hint());
          return new long[] {inst.handles().add(Handle.own(rt, (int) args[0]))};
        });
  }

  /** {@code canon_resource_rep}. */
  static CoreFunc resourceRep(GuestInstance inst, ResourceType rt) {
    String name = inst.name() + ": resource.rep " + rt.hint();
    return new CoreFunc(
        name,
        I32_TO_I32,
        args -> {
          Handle h = inst.handles().get((int) args[0]);
          inst.store().checkType(h, rt, name);
          return new long[] {h.rep()};
        });
  }

  /** {@code canon_resource_drop}: an own calls the destructor, a borrow ends its loan. */
  static CoreFunc resourceDrop(GuestInstance inst, ResourceType rt) {
    String name = inst.name() + ": resource.drop " + rt.hint();
    return new CoreFunc(
        name,
        I32_TO_NONE,
        args -> {
          inst.checkMayLeave(name);
          Handle h = inst.handles().remove((int) args[0]);
          inst.store().checkType(h, rt, name);
          if (h.isOwn()) {
            inst.store().destroy(h, name);
          } else {
            h.scope().dropBorrow();
          }
          return new long[0];
        });
  }
}
