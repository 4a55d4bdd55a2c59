package dev.brio.component.link;

import dev.brio.component.abi.AbiContext;
import dev.brio.component.abi.FlatTypes;
import dev.brio.component.abi.Lift;
import dev.brio.component.abi.Lower;
import dev.brio.component.resources.CallScope;
import dev.brio.component.resources.GuestHandles;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.ValueType;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * {@code canon_lower} of CanonicalABI.md: a component function made callable by core code of one
 * component instance. Arguments are lifted from the caller's core values and memory, results
 * lowered back (through the caller's out-pointer when they spill).
 */
final class Lowering {
  private Lowering() {}

  static CoreFunc lower(
      ComponentFunction target, GuestInstance caller, CanonOptionsResolved options) {
    CoreFuncType sig = FlatTypes.functype(target.type(), false);
    List<ValueType> params = FlatTypes.params(target.type());
    List<ValueType> results = target.type().result().stream().toList();
    boolean resultSpills = FlatTypes.flatten(results).size() > FlatTypes.MAX_FLAT_RESULTS;
    String name = caller.name() + " -> " + target.name();
    return new CoreFunc(
        name,
        ChicoryTypes.of(sig),
        args -> {
          caller.checkMayLeave(name);
          CallScope scope = new CallScope(name);
          AbiContext cx =
              options.context(
                  caller, new GuestHandles(caller.store(), caller, caller.handles(), scope));
          try {
            List<Value> lifted =
                Phase.run(
                    name,
                    "lifting the arguments",
                    () -> Lift.liftValues(cx, FlatTypes.MAX_FLAT_PARAMS, args, 0, params));
            Optional<Value> result = Reentrance.callOut(caller, () -> target.call(lifted));
            if (result.isPresent() != !results.isEmpty()) {
              throw new HostFunctionException(
                  target.name() + " returned " + result + " for type " + target.type(), null);
            }
            Long outPtr = resultSpills ? Integer.toUnsignedLong((int) args[args.length - 1]) : null;
            long[] flat =
                Phase.run(
                    name,
                    "lowering the result",
                    () ->
                        Lower.lowerValues(
                            cx,
                            FlatTypes.MAX_FLAT_RESULTS,
                            result.stream().toList(),
                            results,
                            outPtr));
            scope.exit();
            return flat;
          } catch (RuntimeException e) {
            scope.abandon();
            throw e;
          }
        });
  }
}
