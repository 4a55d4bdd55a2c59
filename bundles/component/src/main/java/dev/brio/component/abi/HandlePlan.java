package dev.brio.component.abi;

import dev.brio.component.types.CoreValType;
import dev.brio.component.types.ResourceType;
import dev.brio.component.values.Value;

/** {@code own<T>} and {@code borrow<T>}: an i32 handle index, moved through the call's bridge. */
final class HandlePlan implements TypePlan {
  private static final CoreValType[] FLAT = {CoreValType.I32};

  private final ResourceType resource;
  private final boolean own;

  HandlePlan(ResourceType resource, boolean own) {
    this.resource = resource;
    this.own = own;
  }

  @Override
  public int size() {
    return 4;
  }

  @Override
  public int alignment() {
    return 4;
  }

  @Override
  public CoreValType[] flat() {
    return FLAT;
  }

  @Override
  public Value liftFlat(AbiContext cx, FlatReader in) {
    return lift(cx, (int) in.next());
  }

  @Override
  public Value load(AbiContext cx, int p) {
    return lift(cx, cx.memory().readInt(p));
  }

  @Override
  public void lowerFlat(AbiContext cx, Value v, FlatWriter out) {
    out.addI32(lower(cx, v));
  }

  @Override
  public void store(AbiContext cx, Value v, int p) {
    cx.memory().writeI32(p, lower(cx, v));
  }

  private Value lift(AbiContext cx, int i) {
    return own ? cx.handles().liftOwn(i, resource) : cx.handles().liftBorrow(i, resource);
  }

  private int lower(AbiContext cx, Value v) {
    return own ? cx.handles().lowerOwn(v, resource) : cx.handles().lowerBorrow(v, resource);
  }
}
