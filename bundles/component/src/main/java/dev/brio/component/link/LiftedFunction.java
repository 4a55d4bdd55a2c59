package dev.brio.component.link;

import dev.brio.component.abi.AbiContext;
import dev.brio.component.abi.FlatTypes;
import dev.brio.component.abi.Realloc;
import dev.brio.component.abi.Trap;
import dev.brio.component.abi.ValuesPlan;
import dev.brio.component.resources.CallScope;
import dev.brio.component.resources.GuestHandles;
import dev.brio.component.types.FuncType;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * A guest core function lifted to a component function ({@code canon_lift} of CanonicalABI.md):
 * lowers the arguments into the guest, calls the core function, lifts the result, calls {@code
 * post-return} with the core results, then ends the call's borrow scope. The ABI plans of its
 * parameters and result are made once, here.
 */
final class LiftedFunction implements ComponentFunction {
  private String name;

  /** How post-return is named in its traps, made when the name is, not per call. */
  private String postReturnName;

  private boolean exported;
  private final GuestInstance instance;
  private final CoreFunc core;
  private final CanonOptionsResolved options;
  private final Realloc realloc;
  private final FuncType type;
  private final ValuesPlan params;
  private final ValuesPlan results;

  LiftedFunction(
      String name,
      GuestInstance instance,
      CoreFunc core,
      CanonOptionsResolved options,
      FuncType type) {
    this.name = name;
    this.postReturnName = name + " post-return";
    this.instance = instance;
    this.core = core;
    this.options = options;
    this.realloc = options.reallocIn(instance);
    this.type = type;
    this.params = ValuesPlan.params(FlatTypes.params(type));
    this.results = ValuesPlan.results(type.result().stream().toList());
  }

  /** Takes the name of the first export of this function, for messages. */
  void exportedAs(String exportName) {
    if (!exported) {
      exported = true;
      name = exportName;
      postReturnName = exportName + " post-return";
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public FuncType type() {
    return type;
  }

  @Override
  public Optional<Value> call(List<Value> args) {
    Optional<Value> result = Reentrance.enter(instance, name, () -> callEntered(args));
    instance.callReturned();
    return result;
  }

  private Optional<Value> callEntered(List<Value> args) {
    CallScope scope = new CallScope(name);
    AbiContext cx =
        options.context(
            realloc, new GuestHandles(instance.store(), instance, instance.handles(), scope));
    try {
      long[] flatArgs;
      try {
        flatArgs = params.lower(cx, args);
      } catch (Trap t) {
        throw Phase.named(name, "lowering the arguments", t);
      }
      long[] flatResults = Guest.call(core, flatArgs, name);
      List<Value> lifted;
      try {
        lifted = results.lift(cx, flatResults, 0);
      } catch (Trap t) {
        throw Phase.named(name, "lifting the result", t);
      }
      if (options.postReturn() != null) {
        instance.callWithoutLeaving(options.postReturn(), flatResults, postReturnName);
      }
      scope.exit();
      return lifted.isEmpty() ? Optional.empty() : Optional.of(lifted.getFirst());
    } catch (RuntimeException e) {
      scope.abandon();
      throw e;
    }
  }
}
