package dev.brio.component.binary;

import dev.brio.component.types.ComponentType;
import dev.brio.component.types.CoreExternType;
import dev.brio.component.types.CoreInstanceType;
import dev.brio.component.types.CoreModuleType;
import dev.brio.component.types.CoreType;
import dev.brio.component.types.DefinedType;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.ValueType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The index spaces of one scope: a component, or a component/instance/module type declarator.
 * Entries are the resolved types of what each index refers to; index spaces grow as definitions are
 * validated, so an index can only refer to something defined before it.
 */
final class Scope {
  /** What each sort's space holds. */
  private static final Map<Sort, Class<?>> ENTRY_TYPES = new EnumMap<>(Sort.class);

  static {
    for (Sort s : List.of(Sort.CORE_FUNC, Sort.CORE_TABLE, Sort.CORE_MEMORY, Sort.CORE_GLOBAL)) {
      ENTRY_TYPES.put(s, CoreExternType.class);
    }
    ENTRY_TYPES.put(Sort.CORE_TAG, CoreExternType.class);
    ENTRY_TYPES.put(Sort.CORE_TYPE, CoreType.class);
    ENTRY_TYPES.put(Sort.CORE_MODULE, CoreModuleType.class);
    ENTRY_TYPES.put(Sort.CORE_INSTANCE, CoreInstanceType.class);
    ENTRY_TYPES.put(Sort.FUNC, FuncType.class);
    ENTRY_TYPES.put(Sort.VALUE, ValueType.class);
    ENTRY_TYPES.put(Sort.TYPE, DefinedType.class);
    ENTRY_TYPES.put(Sort.COMPONENT, ComponentType.class);
    ENTRY_TYPES.put(Sort.INSTANCE, InstanceType.class);
  }

  /** Whether a scope is a component definition or a type declarator (for outer-alias rules). */
  enum Kind {
    COMPONENT,
    COMPONENT_TYPE,
    INSTANCE_TYPE,
    MODULE_TYPE
  }

  final Scope parent;
  final Kind kind;
  final int depth;
  final NameScope names = new NameScope();

  /** The external-visibility rule's names, for a component's own imports and exports. */
  final ExternalNames external = new ExternalNames();

  private final Map<Sort, List<Object>> spaces = new EnumMap<>(Sort.class);

  Scope(Scope parent, Kind kind) {
    this.parent = parent;
    this.kind = kind;
    this.depth = parent == null ? 0 : parent.depth + 1;
    for (Sort s : Sort.values()) {
      spaces.put(s, new ArrayList<>());
    }
  }

  int size(Sort sort) {
    return spaces.get(sort).size();
  }

  /** Appends an entry, returning its index. */
  int add(Sort sort, Object entry) {
    if (!ENTRY_TYPES.get(sort).isInstance(entry)) {
      throw new IllegalStateException(sort + " space cannot hold " + entry);
    }
    List<Object> space = spaces.get(sort);
    space.add(entry);
    return space.size() - 1;
  }

  /** The entry at an index, checked for range and for what it must be. */
  <T> T get(Sort sort, int index, Class<T> expected, String expectedText, int offset)
      throws ComponentFormatException {
    List<Object> space = spaces.get(sort);
    if (index < 0 || index >= space.size()) {
      throw new ComponentFormatException(
          offset,
          sort
              + " index "
              + Integer.toUnsignedString(index)
              + " is out of range: "
              + space.size()
              + " defined");
    }
    Object entry = space.get(index);
    if (!expected.isInstance(entry)) {
      throw new ComponentFormatException(
          offset,
          sort + " index " + index + ": expected " + expectedText + ", found " + describe(entry));
    }
    return expected.cast(entry);
  }

  Object get(Sort sort, int index, int offset) throws ComponentFormatException {
    return get(sort, index, Object.class, "anything", offset);
  }

  /** The scope {@code count} levels out (0 is this one), for outer aliases. */
  Scope outer(int count, int offset) throws ComponentFormatException {
    Scope s = this;
    for (int i = 0; i < count; i++) {
      if (s.parent == null) {
        throw new ComponentFormatException(
            offset, "outer alias count " + count + " exceeds the " + depth + " enclosing scopes");
      }
      s = s.parent;
    }
    return s;
  }

  /** The extern type of an existing definition, as an export of it would have. */
  ExternType externTypeOf(Sort sort, int index, int offset) throws ComponentFormatException {
    return switch (sort) {
      case FUNC -> new ExternType.Func(get(sort, index, FuncType.class, "a func", offset));
      case VALUE -> new ExternType.Value(get(sort, index, ValueType.class, "a value", offset));
      case TYPE -> new ExternType.Type(get(sort, index, DefinedType.class, "a type", offset));
      case COMPONENT ->
          new ExternType.Component(get(sort, index, ComponentType.class, "a component", offset));
      case INSTANCE ->
          new ExternType.Instance(get(sort, index, InstanceType.class, "an instance", offset));
      case CORE_MODULE ->
          new ExternType.CoreModule(
              get(sort, index, CoreModuleType.class, "a core module", offset));
      default ->
          throw new ComponentFormatException(
              offset, "a " + sort + " cannot be exported from a component or instance");
    };
  }

  /** Adds what an import or export of this type introduces, returning its index. */
  int declare(ExternType type) {
    return switch (type) {
      case ExternType.Func f -> add(Sort.FUNC, f.type());
      case ExternType.Value v -> add(Sort.VALUE, v.type());
      case ExternType.Type t -> add(Sort.TYPE, t.type());
      case ExternType.Component c -> add(Sort.COMPONENT, c.type());
      case ExternType.Instance i -> add(Sort.INSTANCE, i.type());
      case ExternType.CoreModule m -> add(Sort.CORE_MODULE, m.type());
    };
  }

  static Sort sortOf(ExternType type) {
    return switch (type) {
      case ExternType.Func f -> Sort.FUNC;
      case ExternType.Value v -> Sort.VALUE;
      case ExternType.Type t -> Sort.TYPE;
      case ExternType.Component c -> Sort.COMPONENT;
      case ExternType.Instance i -> Sort.INSTANCE;
      case ExternType.CoreModule m -> Sort.CORE_MODULE;
    };
  }

  static Sort sortOf(CoreExternType type) {
    return switch (type) {
      case CoreExternType.Func f -> Sort.CORE_FUNC;
      case CoreExternType.Table t -> Sort.CORE_TABLE;
      case CoreExternType.Memory m -> Sort.CORE_MEMORY;
      case CoreExternType.Global g -> Sort.CORE_GLOBAL;
      case CoreExternType.Tag t -> Sort.CORE_TAG;
    };
  }

  static String describe(Object entry) {
    return switch (entry) {
      case ValueType v -> "a value type";
      case FuncType f -> "a func type";
      case ComponentType c -> "a component type";
      case InstanceType i -> "an instance type";
      case dev.brio.component.types.ResourceType r -> "a resource type";
      case CoreModuleType m -> "a core module type";
      case dev.brio.component.types.CoreFuncType f -> "a core func type";
      default -> entry.getClass().getSimpleName();
    };
  }
}
