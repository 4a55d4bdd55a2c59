package dev.brio.component.types;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Prints a component's type as a WIT world (what {@code brio wit} shows): the world's imports and
 * exports, then one package per interface named {@code ns:pkg/iface@version} with the interface's
 * types and functions. Types exported under a name are printed by that name; resources gather their
 * {@code [constructor]}, {@code [method]} and {@code [static]} functions.
 */
public final class WitPrinter {
  private static final String INDENT = "  ";

  /** Where each named type was defined: its name and, for interface types, the interface. */
  private record Owner(String name, Optional<String> iface) {}

  private final Map<Object, Owner> owners = new IdentityHashMap<>();
  private final StringBuilder out = new StringBuilder();

  private WitPrinter() {}

  /** The world of this component type. */
  public static String world(ComponentType type) {
    return new WitPrinter().printWorld(type);
  }

  private String printWorld(ComponentType type) {
    out.append("package root:component;\n\nworld root {\n");
    Map<String, List<NamedExtern>> packages = new LinkedHashMap<>();
    Map<ExternName.Interface, InstanceType> interfaces = new LinkedHashMap<>();
    printItems("import", type.importList(), interfaces);
    printItems("export", type.exportList(), interfaces);
    out.append("}\n");
    for (var e : interfaces.entrySet()) {
      packages
          .computeIfAbsent(e.getKey().packageId(), k -> new ArrayList<>())
          .add(new NamedExtern(e.getKey(), new ExternType.Instance(e.getValue())));
    }
    for (var pkg : packages.entrySet()) {
      out.append("\npackage ").append(pkg.getKey()).append(" {\n");
      for (NamedExtern iface : pkg.getValue()) {
        var name = (ExternName.Interface) iface.name();
        out.append(INDENT).append("interface ").append(name.iface()).append(" {\n");
        InstanceType it = ((ExternType.Instance) iface.type()).type();
        printInterfaceBody(it, INDENT + INDENT, name.unversioned(), it.exportList());
        out.append(INDENT).append("}\n");
      }
      out.append("}\n");
    }
    return out.toString();
  }

  private void printItems(
      String keyword, List<NamedExtern> items, Map<ExternName.Interface, InstanceType> interfaces) {
    // Named types of the world itself come first so functions can refer to them.
    InstanceType worldScope = InstanceType.of(items.stream().filter(WitPrinter::isType).toList());
    if (!worldScope.exports().isEmpty()) {
      printInterfaceBody(worldScope, INDENT, null, items);
    }
    for (NamedExtern item : items) {
      switch (item.type()) {
        case ExternType.Instance(InstanceType it)
            when item.name() instanceof ExternName.Interface i -> {
          out.append(INDENT).append(keyword).append(' ').append(i.text()).append(";\n");
          interfaces.putIfAbsent(i, it);
        }
        case ExternType.Instance(InstanceType it) -> {
          out.append(INDENT)
              .append(keyword)
              .append(' ')
              .append(item.name().text())
              .append(": interface {\n");
          printInterfaceBody(it, INDENT + INDENT, null, it.exportList());
          out.append(INDENT).append("}\n");
        }
        case ExternType.Func(FuncType f) when isMember(item.name()) -> {}
        case ExternType.Func(FuncType f) ->
            out.append(INDENT)
                .append(keyword)
                .append(' ')
                .append(item.name().text())
                .append(": ")
                .append(func(f, false))
                .append(";\n");
        case ExternType.Type t -> {}
        default ->
            out.append(INDENT)
                .append("/* ")
                .append(keyword)
                .append(' ')
                .append(item.name().text())
                .append(": ")
                .append(item.type().sortName())
                .append(" */\n");
      }
    }
  }

  private static boolean isType(NamedExtern e) {
    return e.type() instanceof ExternType.Type;
  }

  private static boolean isMember(ExternName n) {
    return n instanceof ExternName.Constructor
        || n instanceof ExternName.Method
        || n instanceof ExternName.Static;
  }

  private void printInterfaceBody(
      InstanceType it, String indent, String ifaceName, List<NamedExtern> memberScope) {
    List<NamedExtern> exports = it.exportList();
    for (NamedExtern e : exports) {
      if (!(e.type() instanceof ExternType.Type(DefinedType t))
          || !(e.name() instanceof ExternName.Plain(String name))) {
        continue;
      }
      Owner existing = owners.get(t);
      // A resource whose functions live here is defined here, so its functions can be shown.
      boolean hasMembersHere = t instanceof ResourceType && hasMembers(name, memberScope);
      if (existing != null && !hasMembersHere) {
        // Defined in another interface: WIT refers to it with `use`.
        String from = existing.iface().orElse("world");
        String as = existing.name().equals(name) ? "" : " as " + name;
        out.append(indent)
            .append("use ")
            .append(from)
            .append(".{")
            .append(existing.name())
            .append(as)
            .append("};\n");
        continue;
      }
      owners.putIfAbsent(t, new Owner(name, Optional.ofNullable(ifaceName)));
      out.append(indent).append(typeDefinition(name, t, memberScope, indent)).append('\n');
    }
    for (NamedExtern e : exports) {
      if (e.type() instanceof ExternType.Func(FuncType f) && !isMember(e.name())) {
        out.append(indent)
            .append(e.name().text())
            .append(": ")
            .append(func(f, false))
            .append(";\n");
      } else if (e.type() instanceof ExternType.Instance
          || e.type() instanceof ExternType.Component) {
        out.append(indent)
            .append("/* ")
            .append(e.name().text())
            .append(": nested ")
            .append(e.type().sortName())
            .append(" */\n");
      }
    }
  }

  private String typeDefinition(
      String name, DefinedType t, List<NamedExtern> scope, String indent) {
    return switch (t) {
      case RecordType r ->
          "record "
              + name
              + " {\n"
              + r.fields().stream()
                  .map(f -> indent + INDENT + f.name() + ": " + ref(f.type()) + ",\n")
                  .collect(Collectors.joining())
              + indent
              + "}";
      case VariantType v ->
          "variant "
              + name
              + " {\n"
              + v.cases().stream()
                  .map(
                      c ->
                          indent
                              + INDENT
                              + c.name()
                              + c.payload().map(p -> "(" + ref(p) + ")").orElse("")
                              + ",\n")
                  .collect(Collectors.joining())
              + indent
              + "}";
      case EnumType e -> "enum " + name + " {\n" + list(e.cases(), indent) + indent + "}";
      case FlagsType f -> "flags " + name + " {\n" + list(f.names(), indent) + indent + "}";
      case ResourceType r -> resource(name, scope, indent);
      case ValueType v -> "type " + name + " = " + ref(v) + ";";
      case FuncType f -> "/* type " + name + " = " + func(f, false) + " */";
      case ComponentType c -> "/* type " + name + ": component type */";
      case InstanceType i -> "/* type " + name + ": instance type */";
    };
  }

  private static boolean hasMembers(String resource, List<NamedExtern> scope) {
    return scope.stream()
        .anyMatch(
            e ->
                switch (e.name()) {
                  case ExternName.Constructor c -> c.resource().equals(resource);
                  case ExternName.Method m -> m.resource().equals(resource);
                  case ExternName.Static st -> st.resource().equals(resource);
                  default -> false;
                });
  }

  private static String list(List<String> names, String indent) {
    return names.stream().map(n -> indent + INDENT + n + ",\n").collect(Collectors.joining());
  }

  private String resource(String name, List<NamedExtern> scope, String indent) {
    var members = new StringBuilder();
    for (NamedExtern e : scope) {
      if (!(e.type() instanceof ExternType.Func(FuncType f))) {
        continue;
      }
      String line =
          switch (e.name()) {
            case ExternName.Constructor c when c.resource().equals(name) ->
                "constructor(" + params(f, false) + ");";
            case ExternName.Method m when m.resource().equals(name) ->
                m.name() + ": " + func(f, true) + ";";
            case ExternName.Static s when s.resource().equals(name) ->
                s.name() + ": static " + func(f, false) + ";";
            default -> null;
          };
      if (line != null) {
        members.append(indent).append(INDENT).append(line).append('\n');
      }
    }
    return members.isEmpty()
        ? "resource " + name + ";"
        : "resource " + name + " {\n" + members + indent + "}";
  }

  private String func(FuncType f, boolean skipSelf) {
    return "func(" + params(f, skipSelf) + ")" + f.result().map(r -> " -> " + ref(r)).orElse("");
  }

  private String params(FuncType f, boolean skipSelf) {
    return f.params().stream()
        .skip(skipSelf ? 1 : 0)
        .map(p -> p.name() + ": " + ref(p.type()))
        .collect(Collectors.joining(", "));
  }

  /** A reference to a value type: its name if it has one, else its structure. */
  private String ref(ValueType t) {
    Owner o = owners.get(t);
    if (o != null) {
      return o.name();
    }
    return switch (t) {
      case PrimitiveType p -> p.witName();
      case ListType l -> "list<" + ref(l.element()) + ">";
      case OptionType o2 -> "option<" + ref(o2.payload()) + ">";
      case ResultType r -> result(r);
      case TupleType u ->
          "tuple<" + u.elements().stream().map(this::ref).collect(Collectors.joining(", ")) + ">";
      case OwnType own -> resourceName(own.resource());
      case BorrowType b -> "borrow<" + resourceName(b.resource()) + ">";
      case RecordType r -> "/* anonymous */ record";
      case VariantType v -> "/* anonymous */ variant";
      case EnumType e -> "/* anonymous */ enum";
      case FlagsType f -> "/* anonymous */ flags";
    };
  }

  private String result(ResultType r) {
    if (r.ok().isEmpty() && r.error().isEmpty()) {
      return "result";
    }
    if (r.error().isEmpty()) {
      return "result<" + ref(r.ok().get()) + ">";
    }
    return "result<" + r.ok().map(this::ref).orElse("_") + ", " + ref(r.error().get()) + ">";
  }

  private String resourceName(ResourceType r) {
    Owner o = owners.get(r);
    return o != null ? o.name() : r.hint();
  }
}
