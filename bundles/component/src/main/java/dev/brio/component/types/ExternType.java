package dev.brio.component.types;

import java.util.Objects;

/** The type of an import or export ({@code externtype} in Binary.md). */
public sealed interface ExternType {
  /** The sort's name as the text format spells it, for messages. */
  String sortName();

  /** A core module with this module type. */
  record CoreModule(CoreModuleType type) implements ExternType {
    public CoreModule {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String sortName() {
      return "core module";
    }
  }

  /** A function. */
  record Func(FuncType type) implements ExternType {
    public Func {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String sortName() {
      return "func";
    }
  }

  /** A value (🪙). */
  record Value(ValueType type) implements ExternType {
    public Value {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String sortName() {
      return "value";
    }
  }

  /**
   * A type: either {@code (eq i)}, where {@code type} is that type, or {@code (sub resource)},
   * where it is the fresh resource type the declaration introduced.
   */
  record Type(DefinedType type) implements ExternType {
    public Type {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String sortName() {
      return "type";
    }
  }

  /** A component. */
  record Component(ComponentType type) implements ExternType {
    public Component {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String sortName() {
      return "component";
    }
  }

  /** An instance. */
  record Instance(InstanceType type) implements ExternType {
    public Instance {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String sortName() {
      return "instance";
    }
  }
}
