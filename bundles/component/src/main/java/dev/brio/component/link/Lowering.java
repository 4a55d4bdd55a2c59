package dev.brio.component.link;

import dev.brio.component.abi.AbiContext;
import dev.brio.component.abi.FlatTypes;
import dev.brio.component.abi.Realloc;
import dev.brio.component.abi.ValuesPlan;
import dev.brio.component.resources.CallScope;
import dev.brio.component.resources.GuestHandles;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * {@code canon_lower} of CanonicalABI.md: a component function made callable by core code of one
 * component instance. Arguments are lifted from the caller's core values and memory, results
 * lowered back (through the caller's out-pointer when they spill). The ABI plans are made once per
 * lowered function.
 */
final class Lowering {
  private Lowering() {}

  static CoreFunc lower(
      ComponentFunction target, GuestInstance caller, CanonOptionsResolved options) {
    CoreFuncType sig = FlatTypes.functype(target.type(), false);
    ValuesPlan params = ValuesPlan.params(FlatTypes.params(target.type()));
    ValuesPlan results = ValuesPlan.results(target.type().result().stream().toList());
    Realloc realloc = options.reallocIn(caller);
    String name = caller.name() + " -> " + target.name();
    return new CoreFunc(
        name,
        ChicoryTypes.of(sig),
        args -> {
          caller.checkMayLeave(name);
          CallScope scope = new CallScope(name);
          AbiContext cx =
              options.context(
                  realloc, new GuestHandles(caller.store(), caller, caller.handles(), scope));
          try {
            List<Value> lifted =
                Phase.run(name, "lifting the arguments", () -> params.lift(cx, args, 0));
            Optional<Value> result = Reentrance.callOut(caller, () -> target.call(lifted));
            if (result.isPresent() != (results.count() > 0)) {
              throw new HostFunctionException(
                  target.name() + " returned " + result + " for type " + target.type(), null);
            }
            List<Value> out = result.stream().toList();
            long[] flat =
                Phase.run(
                    name,
                    "lowering the result",
                    () ->
                        results.spills()
                            ? results.lowerInto(
                                cx, out, Integer.toUnsignedLong((int) args[args.length - 1]))
                            : results.lower(cx, out));
            scope.exit();
            return flat;
          } catch (RuntimeException e) {
            scope.abandon();
            throw e;
          }
        });
  }
}
