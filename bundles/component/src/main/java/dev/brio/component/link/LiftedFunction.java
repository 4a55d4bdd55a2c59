package dev.brio.component.link;

import dev.brio.component.abi.AbiContext;
import dev.brio.component.abi.FlatTypes;
import dev.brio.component.abi.Lift;
import dev.brio.component.abi.Lower;
import dev.brio.component.resources.CallScope;
import dev.brio.component.resources.GuestHandles;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ValueType;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * A guest core function lifted to a component function ({@code canon_lift} of CanonicalABI.md):
 * lowers the arguments into the guest, calls the core function, lifts the result, calls {@code
 * post-return} with the core results, then ends the call's borrow scope.
 */
final class LiftedFunction implements ComponentFunction {
  private String name;
  private boolean exported;
  private final GuestInstance instance;
  private final CoreFunc core;
  private final CanonOptionsResolved options;
  private final FuncType type;
  private final List<ValueType> params;
  private final List<ValueType> results;

  LiftedFunction(
      String name,
      GuestInstance instance,
      CoreFunc core,
      CanonOptionsResolved options,
      FuncType type) {
    this.name = name;
    this.instance = instance;
    this.core = core;
    this.options = options;
    this.type = type;
    this.params = FlatTypes.params(type);
    this.results = type.result().stream().toList();
  }

  /** Takes the name of the first export of this function, for messages. */
  void exportedAs(String exportName) {
    if (!exported) {
      exported = true;
      name = exportName;
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
    return Reentrance.enter(instance, name, () -> callEntered(args));
  }

  private Optional<Value> callEntered(List<Value> args) {
    CallScope scope = new CallScope(name);
    AbiContext cx =
        options.context(
            instance, new GuestHandles(instance.store(), instance, instance.handles(), scope));
    try {
      long[] flatArgs =
          Phase.run(
              name,
              "lowering the arguments",
              () -> Lower.lowerValues(cx, FlatTypes.MAX_FLAT_PARAMS, args, params, null));
      long[] flatResults = Guest.call(core, flatArgs, name);
      List<Value> lifted =
          Phase.run(
              name,
              "lifting the result",
              () -> Lift.liftValues(cx, FlatTypes.MAX_FLAT_RESULTS, flatResults, 0, results));
      if (options.postReturn() != null) {
        instance.withoutLeaving(
            () -> Guest.call(options.postReturn(), flatResults, name + " post-return"));
      }
      scope.exit();
      return lifted.stream().findFirst();
    } catch (RuntimeException e) {
      scope.abandon();
      throw e;
    }
  }
}
