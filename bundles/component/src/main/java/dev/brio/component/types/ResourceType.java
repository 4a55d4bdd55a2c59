package dev.brio.component.types;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A resource type. Resource types are generative: every definition and every {@code (sub resource)}
 * import or export creates a type unequal to all others, so equality is identity (this is a class,
 * not a record, on purpose).
 */
public final class ResourceType implements DefinedType {
  private final String hint;
  private final boolean defined;
  private final OptionalInt destructor;

  private ResourceType(String hint, boolean defined, OptionalInt destructor) {
    this.hint = Objects.requireNonNull(hint, "hint");
    this.defined = defined;
    this.destructor = destructor;
  }

  /**
   * A resource defined by a component: {@code (resource (rep i32) (dtor f)?)}; the destructor is a
   * core function index of the defining component.
   */
  public static ResourceType defined(OptionalInt destructor) {
    return new ResourceType("resource", true, destructor);
  }

  /**
   * A fresh abstract resource, introduced by an import or export bounded by {@code sub resource}.
   */
  public static ResourceType fresh(String hint) {
    return new ResourceType(hint, false, OptionalInt.empty());
  }

  /**
   * The type this definition gets in one instantiation of its component: a defined resource type is
   * generative, so every instantiation of the component that defines it makes a type unequal to all
   * others (Explainer.md, "Resource types"). The copy keeps the destructor.
   *
   * @param hint how the new type is named in messages
   */
  public ResourceType instantiate(String hint) {
    return new ResourceType(hint, defined, destructor);
  }

  /** The name it was introduced under, for messages (not part of its identity). */
  public String hint() {
    return hint;
  }

  /** Whether the component defines it (as opposed to an abstract import or export). */
  public boolean isDefined() {
    return defined;
  }

  /** Whether it was introduced abstractly, by {@code (sub resource)}. */
  public boolean isFresh() {
    return !defined;
  }

  /** The core function index of the destructor of a defined resource. */
  public OptionalInt destructor() {
    return destructor;
  }

  @Override
  public String toString() {
    return "resource " + hint + "@" + Integer.toHexString(System.identityHashCode(this));
  }
}
