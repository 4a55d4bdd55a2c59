package dev.brio.component.link;

import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/**
 * A function the host provides to components: takes the lifted arguments, returns the result to
 * lower (empty for a function without result). An exception it throws is a host error, reported to
 * the caller of the export as a {@link HostFunctionException}, never as a trap.
 */
@FunctionalInterface
public interface HostFunction {
  Optional<Value> call(List<Value> args) throws Exception;
}
