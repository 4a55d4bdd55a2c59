package dev.brio.component.abi;

import dev.brio.component.types.ResourceType;
import dev.brio.component.values.Value;

/**
 * Moves resource handles between a component instance's handle table and host values ({@code
 * lift_own}, {@code lift_borrow}, {@code lower_own}, {@code lower_borrow} in CanonicalABI.md).
 */
public interface HandleBridge {
  /** {@code lift_own}: takes handle {@code i} out of the guest's table. */
  Value liftOwn(int i, ResourceType rt);

  /** {@code lift_borrow}: lends handle {@code i} of the guest's table for the current call. */
  Value liftBorrow(int i, ResourceType rt);

  /** {@code lower_own}: gives the guest ownership; returns the guest's handle index. */
  int lowerOwn(Value v, ResourceType rt);

  /** {@code lower_borrow}: lends to the guest for the current call; returns index or rep. */
  int lowerBorrow(Value v, ResourceType rt);
}
