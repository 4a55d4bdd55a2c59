package dev.brio.component.link;

import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/** A host function that works with resources: it receives the caller's {@link HostContext}. */
@FunctionalInterface
public interface ContextualHostFunction {
  Optional<Value> call(HostContext context, List<Value> args) throws Exception;
}
