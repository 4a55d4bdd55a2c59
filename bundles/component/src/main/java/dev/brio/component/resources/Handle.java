package dev.brio.component.resources;

import dev.brio.component.types.ResourceType;
import java.util.Objects;

/**
 * One entry of a handle table ({@code ResourceHandle} in CanonicalABI.md): the resource's type and
 * representation, whether it is owned, the call scope a borrow belongs to, and how many borrows of
 * an owned handle are lent out ({@code num_lends}).
 */
public final class Handle {
  private final ResourceType type;
  private final int rep;
  private final boolean own;
  private final CallScope scope;
  private int lends;

  private Handle(ResourceType type, int rep, boolean own, CallScope scope) {
    this.type = Objects.requireNonNull(type, "type");
    this.rep = rep;
    this.own = own;
    this.scope = scope;
  }

  /** An owned handle. */
  public static Handle own(ResourceType type, int rep) {
    return new Handle(type, rep, true, null);
  }

  /** A borrowed handle, valid until {@code scope} ends. */
  public static Handle borrow(ResourceType type, int rep, CallScope scope) {
    return new Handle(type, rep, false, Objects.requireNonNull(scope, "scope"));
  }

  public ResourceType type() {
    return type;
  }

  public int rep() {
    return rep;
  }

  public boolean isOwn() {
    return own;
  }

  /** The call a borrow belongs to (null for an owned handle). */
  public CallScope scope() {
    return scope;
  }

  public int lends() {
    return lends;
  }

  void lend() {
    lends++;
  }

  void unlend() {
    lends--;
  }
}
