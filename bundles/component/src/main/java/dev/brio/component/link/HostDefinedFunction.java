package dev.brio.component.link;

import dev.brio.component.abi.Trap;
import dev.brio.component.resources.ResourceStore;
import dev.brio.component.types.FuncType;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/** A host function defined in a {@link Linker}. */
record HostDefinedFunction(String name, FuncType type, ContextualHostFunction body) {

  /** The function as seen by one instantiation (its resources). */
  ComponentFunction in(ResourceStore store) {
    HostContext context = new HostContext(store);
    return new ComponentFunction() {
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
        Optional<Value> result = Reentrance.host(() -> run(args));
        if (result == null) {
          throw new HostFunctionException(name + " returned null instead of an Optional", null);
        }
        return result;
      }

      private Optional<Value> run(List<Value> args) {
        try {
          return body.call(context, args);
        } catch (Trap | HostFunctionException | CallInterruptedException e) {
          throw e;
        } catch (Exception e) {
          throw new HostFunctionException("host function " + name + " failed: " + e, e);
        }
      }
    };
  }
}
