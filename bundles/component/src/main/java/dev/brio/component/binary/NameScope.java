package dev.brio.component.binary;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.ResourceType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.ValueType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The name rules of one component, component type or instance type (Binary.md, "Import and Export
 * Definitions"): import names and export names strongly-unique, and {@code [constructor]}, {@code
 * [method]} and {@code [static]} names only on functions of a resource named before them in the
 * same scope, with the signatures those annotations require.
 */
final class NameScope {
  private final Set<String> imports = new HashSet<>();
  private final Set<String> exports = new HashSet<>();
  private final Map<String, ResourceType> resources = new HashMap<>();

  void addImport(ExternName name, ExternType type, int offset) throws ComponentFormatException {
    add(imports, "import", name, type, offset);
  }

  void addExport(ExternName name, ExternType type, int offset) throws ComponentFormatException {
    add(exports, "export", name, type, offset);
  }

  private void add(Set<String> keys, String what, ExternName name, ExternType type, int offset)
      throws ComponentFormatException {
    if (!keys.add(name.uniquenessKey())) {
      throw new ComponentFormatException(
          offset, what + " name '" + name.text() + "' conflicts with an earlier " + what);
    }
    switch (name) {
      case ExternName.Plain p -> {
        if (type instanceof ExternType.Type(ResourceType r)) {
          resources.put(p.label(), r);
        }
      }
      case ExternName.Constructor c -> {
        FuncType f = func(name, type, offset);
        ResourceType r = resource(name, c.resource(), offset);
        boolean ok =
            f.result().isPresent()
                && (isOwn(f.result().get(), r)
                    || (f.result().get() instanceof ResultType(var okType, var err)
                        && okType.isPresent()
                        && isOwn(okType.get(), r)));
        if (!ok) {
          throw new ComponentFormatException(
              offset,
              "'" + name.text() + "' must return own<" + c.resource() + "> (or a result of it)");
        }
      }
      case ExternName.Method m -> {
        FuncType f = func(name, type, offset);
        ResourceType r = resource(name, m.resource(), offset);
        if (f.params().isEmpty()
            || !f.params().getFirst().name().equals("self")
            || !(f.params().getFirst().type() instanceof BorrowType(ResourceType b) && b == r)) {
          throw new ComponentFormatException(
              offset,
              "'"
                  + name.text()
                  + "' must take (param \"self\" (borrow "
                  + m.resource()
                  + ")) first");
        }
      }
      case ExternName.Static s -> {
        func(name, type, offset);
        resource(name, s.resource(), offset);
      }
      case ExternName.Interface i -> {}
    }
  }

  private static boolean isOwn(ValueType t, ResourceType r) {
    return t instanceof OwnType(ResourceType o) && o == r;
  }

  private static FuncType func(ExternName name, ExternType type, int offset)
      throws ComponentFormatException {
    if (type instanceof ExternType.Func(FuncType f)) {
      return f;
    }
    throw new ComponentFormatException(
        offset, "'" + name.text() + "' must name a func, found a " + type.sortName());
  }

  private ResourceType resource(ExternName name, String label, int offset)
      throws ComponentFormatException {
    ResourceType r = resources.get(label);
    if (r == null) {
      throw new ComponentFormatException(
          offset,
          "'" + name.text() + "': no resource '" + label + "' imported or exported before it");
    }
    return r;
  }
}
