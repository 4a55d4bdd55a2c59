package dev.brio.component.link;

import dev.brio.component.types.FuncType;
import dev.brio.component.values.Value;
import java.util.List;
import java.util.Optional;

/** A component-level function: a lifted guest export or a host function. */
public interface ComponentFunction {
  /** The name it was defined or exported under, for messages. */
  String name();

  /** Its component-level type. */
  FuncType type();

  /**
   * Calls it with host values ({@code own}/{@code borrow} values index the instance's host handle
   * table).
   *
   * @throws dev.brio.component.abi.Trap if the guest or the canonical ABI traps
   * @throws HostFunctionException if a host function failed
   */
  Optional<Value> call(List<Value> args);
}
