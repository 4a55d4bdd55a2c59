package dev.brio.component.binary;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.ComponentType;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.CoreModuleType;
import dev.brio.component.types.CoreType;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.DefinedType;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.Names;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResourceType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/** Reads type definitions and type declarators (Binary.md, "Type Definitions"). */
final class TypeParser {
  /** Binary.md: {@code (flags l+) (if 0 < |l*| <= 32)}. */
  private final TypeChecks checks;

  private final ResourceRules facts;

  /**
   * Where the outermost component or instance type being read begins: the external-visibility rule
   * inside its declarators is reported there, as wasm-tools validates a type definition as a whole.
   */
  private int declaratorAt;

  TypeParser(TypeChecks checks, ResourceRules facts) {
    this.checks = checks;
    this.facts = facts;
  }

  // ---- core types

  CoreType coreType(ByteReader r, Scope scope) throws ComponentFormatException {
    int at = r.position();
    int form = r.u8("core type form");
    return switch (form) {
      case 0x60 -> CoreReader.funcTypeBody(r);
      case 0x50 -> moduleType(r, scope);
      case 0x00 -> throw CoreReader.gcType(at, 0x50);
      default -> throw CoreReader.gcType(at, form);
    };
  }

  private CoreModuleType moduleType(ByteReader r, Scope parent) throws ComponentFormatException {
    Scope scope = nested(r, parent, Scope.Kind.MODULE_TYPE);
    List<CoreType> types = new ArrayList<>();
    List<CoreModuleType.Import> imports = new ArrayList<>();
    Map<String, CoreModuleType.Export> exports = new LinkedHashMap<>();
    int n = r.count("module type declarations", 2);
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int kind = r.u8("module declaration");
      switch (kind) {
        case 0x00 -> {
          String module = r.name("import module name");
          String name = r.name("import name");
          imports.add(
              new CoreModuleType.Import(
                  module, name, CoreReader.externType(r, CoreReader.funcTypesOf(types))));
        }
        case 0x01 -> {
          int formAt = r.position();
          CoreType t = coreType(r, scope);
          if (t instanceof CoreModuleType) {
            throw r.errorAt(formAt, "a module type cannot declare a module type");
          }
          types.add(t);
          scope.add(Sort.CORE_TYPE, t);
        }
        case 0x02 -> {
          int sort = r.u8("alias sort");
          int target = r.u8("alias target");
          if (sort != 0x10 || target != 0x01) {
            throw r.errorAt(at + 1, "a module type can only alias an outer core type (0x10 0x01)");
          }
          int ctAt = r.position();
          int count = r.index("outer count");
          int idxAt = r.position();
          int idx = r.index("outer index");
          CoreType t =
              scope
                  .outer(count, ctAt)
                  .get(Sort.CORE_TYPE, idx, CoreType.class, "a core type", idxAt);
          if (t instanceof CoreModuleType) {
            throw r.errorAt(idxAt, "a module type cannot alias a module type");
          }
          types.add(t);
          scope.add(Sort.CORE_TYPE, t);
        }
        case 0x03 -> {
          String name = r.name("export name");
          var t = CoreReader.externType(r, CoreReader.funcTypesOf(types));
          if (exports.putIfAbsent(name, new CoreModuleType.Export(name, t)) != null) {
            throw r.errorAt(at, "duplicate export name '" + name + "' in module type");
          }
        }
        default ->
            throw r.errorAt(
                at,
                "expected a module declaration 0x00-0x03, found 0x" + Integer.toHexString(kind));
      }
    }
    return CoreModuleType.of(imports, exports.values());
  }

  private static Scope nested(ByteReader r, Scope parent, Scope.Kind kind)
      throws ComponentFormatException {
    Scope scope = new Scope(parent, kind);
    if (scope.depth > ComponentParser.MAX_NESTING) {
      throw r.error("types nested more than " + ComponentParser.MAX_NESTING + " levels deep");
    }
    return scope;
  }

  // ---- component-level types

  /** A {@code deftype}; resource types only where {@code allowResource} (not in declarators). */
  DefinedType definedType(ByteReader r, Scope scope, boolean allowResource)
      throws ComponentFormatException {
    int at = r.position();
    int op = r.peek("type");
    switch (op) {
      case 0x40 -> {
        r.u8("func type");
        return funcType(r, scope, at);
      }
      case 0x43 -> throw new UnsupportedFeatureException(at, "async func type", "async (P3)");
      case 0x41 -> {
        r.u8("component type");
        if (scope.kind == Scope.Kind.COMPONENT) {
          declaratorAt = at;
        }
        return componentType(r, scope);
      }
      case 0x42 -> {
        r.u8("instance type");
        if (scope.kind == Scope.Kind.COMPONENT) {
          declaratorAt = at;
        }
        return instanceType(r, scope);
      }
      case 0x3f -> {
        r.u8("resource type");
        if (!allowResource) {
          throw r.errorAt(
              at, "a resource type cannot be defined inside a component or instance type");
        }
        int repAt = r.position();
        CoreValType rep = CoreReader.valType(r);
        if (rep != CoreValType.I32) {
          throw r.errorAt(repAt, "expected resource representation i32, found " + rep);
        }
        int hasDtor = r.u8("destructor presence");
        OptionalInt dtor = OptionalInt.empty();
        if (hasDtor == 0x01) {
          int fAt = r.position();
          int f = r.index("destructor core func index");
          var func =
              scope.get(
                  Sort.CORE_FUNC,
                  f,
                  dev.brio.component.types.CoreExternType.Func.class,
                  "a core func",
                  fAt);
          var want = new CoreFuncType(List.of(CoreValType.I32), List.of());
          if (func.type().isPresent() && !func.type().get().equals(want)) {
            throw r.errorAt(
                fAt, "a destructor must have type [i32] -> [], found " + func.type().get());
          }
          dtor = OptionalInt.of(f);
        } else if (hasDtor != 0x00) {
          throw r.errorAt(
              r.position() - 1, "expected 0x00 or 0x01 before a destructor, found " + hasDtor);
        }
        return ResourceType.defined(dtor);
      }
      default -> {
        return defValType(r, scope);
      }
    }
  }

  private FuncType funcType(ByteReader r, Scope scope, int at) throws ComponentFormatException {
    int n = r.count("params", 2);
    List<FuncType.Param> params = new ArrayList<>(n);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < n; i++) {
      int pAt = r.position();
      String name = label(r, "param name");
      if (!names.add(name.toLowerCase(Locale.ROOT))) {
        throw r.errorAt(pAt, "duplicate param name '" + name + "'");
      }
      params.add(new FuncType.Param(name, valType(r, scope)));
    }
    int resAt = r.position();
    int tag = r.u8("result list");
    Optional<ValueType> result;
    if (tag == 0x00) {
      int tAt = r.position();
      ValueType t = valType(r, scope);
      if (checks.hasBorrow(t)) {
        throw r.errorAt(tAt, "a function result cannot contain a borrow");
      }
      result = Optional.of(t);
    } else if (tag == 0x01) {
      int zero = r.u8("empty result list");
      if (zero != 0x00) {
        throw r.errorAt(
            resAt, "named results are not supported: expected 0x01 0x00, found 0x01 " + zero);
      }
      result = Optional.empty();
    } else {
      throw r.errorAt(
          resAt, "expected a result list 0x00 or 0x01, found 0x" + Integer.toHexString(tag));
    }
    return new FuncType(params, result);
  }

  private ComponentType componentType(ByteReader r, Scope parent) throws ComponentFormatException {
    Scope scope = nested(r, parent, Scope.Kind.COMPONENT_TYPE);
    var imports = new LinkedHashMap<String, NamedExtern>();
    var exports = new LinkedHashMap<String, NamedExtern>();
    int n = r.count("component type declarations", 2);
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int kind = r.peek("component declaration");
      if (kind == 0x03) {
        r.u8("import declaration");
        ExternName name = ComponentParser.nameAttributes(r);
        ExternType t = ExternalNames.fresh(externType(r, scope, name));
        var unnamed = scope.external.imported(t);
        if (unnamed.isPresent()) {
          throw r.errorAt(
              declaratorAt,
              "component type: " + ComponentParser.notVisible("import", name, t, unnamed.get()));
        }
        scope.names.addImport(name, t, at);
        scope.declare(t);
        imports.put(name.text(), new NamedExtern(name, t));
      } else {
        declarator(r, scope, exports);
      }
    }
    return new ComponentType(imports, exports);
  }

  private InstanceType instanceType(ByteReader r, Scope parent) throws ComponentFormatException {
    Scope scope = nested(r, parent, Scope.Kind.INSTANCE_TYPE);
    var exports = new LinkedHashMap<String, NamedExtern>();
    int n = r.count("instance type declarations", 2);
    for (int i = 0; i < n; i++) {
      declarator(r, scope, exports);
    }
    return new InstanceType(exports);
  }

  /** An {@code instancedecl}: a core type, a type, an alias or an export declaration. */
  private void declarator(ByteReader r, Scope scope, Map<String, NamedExtern> exports)
      throws ComponentFormatException {
    int at = r.position();
    int kind = r.u8("declaration");
    switch (kind) {
      case 0x00 -> scope.add(Sort.CORE_TYPE, coreType(r, scope));
      case 0x01 -> scope.add(Sort.TYPE, definedType(r, scope, false));
      case 0x02 -> ComponentParser.alias(r, scope, true, facts);
      case 0x04 -> {
        ExternName name = ComponentParser.nameAttributes(r);
        // an export names a new type, as in a component (ExternalNames.fresh)
        ExternType t = ExternalNames.fresh(externType(r, scope, name));
        // A component type's exports follow the external-visibility rule of a component's; an
        // instance type's are checked when the instance type is imported or exported as a whole.
        if (scope.kind == Scope.Kind.COMPONENT_TYPE) {
          var unnamed = scope.external.exported(t);
          if (unnamed.isPresent()) {
            throw r.errorAt(
                declaratorAt,
                "component type: " + ComponentParser.notVisible("export", name, t, unnamed.get()));
          }
        }
        scope.names.addExport(name, t, at);
        int index = scope.declare(t);
        if (t instanceof ExternType.Type(ResourceType _)) {
          scope.external.resourceExported(index);
        }
        exports.put(name.text(), new NamedExtern(name, t));
      }
      default ->
          throw r.errorAt(
              at,
              "expected a declaration (0x00 core type, 0x01 type, 0x02 alias, 0x03 import, 0x04 export), found 0x"
                  + Integer.toHexString(kind));
    }
  }

  /** An {@code externtype}; a {@code (sub resource)} bound makes a fresh resource type. */
  ExternType externType(ByteReader r, Scope scope, ExternName name)
      throws ComponentFormatException {
    int at = r.position();
    int kind = r.u8("extern type");
    switch (kind) {
      case 0x00 -> {
        int b = r.u8("core module sort");
        if (b != 0x11) {
          throw r.errorAt(at + 1, "expected 0x11 (core module), found 0x" + Integer.toHexString(b));
        }
        int tAt = r.position();
        int t = r.index("core type index");
        return new ExternType.CoreModule(
            scope.get(Sort.CORE_TYPE, t, CoreModuleType.class, "a core module type", tAt));
      }
      case 0x01 -> {
        int tAt = r.position();
        int t = r.index("type index");
        return new ExternType.Func(scope.get(Sort.TYPE, t, FuncType.class, "a func type", tAt));
      }
      case 0x02 ->
          throw new UnsupportedFeatureException(
              at, "value", "value imports and exports (🪙) are not supported");
      case 0x03 -> {
        int bound = r.u8("type bound");
        if (bound == 0x00) {
          int tAt = r.position();
          int t = r.index("type index");
          return new ExternType.Type(scope.get(Sort.TYPE, t, DefinedType.class, "a type", tAt));
        }
        if (bound == 0x01) {
          return new ExternType.Type(ResourceType.fresh(hint(name)));
        }
        throw r.errorAt(r.position() - 1, "expected type bound 0x00 or 0x01, found " + bound);
      }
      case 0x04 -> {
        int tAt = r.position();
        int t = r.index("type index");
        return new ExternType.Component(
            scope.get(Sort.TYPE, t, ComponentType.class, "a component type", tAt));
      }
      case 0x05 -> {
        int tAt = r.position();
        int t = r.index("type index");
        return new ExternType.Instance(
            scope.get(Sort.TYPE, t, InstanceType.class, "an instance type", tAt));
      }
      default ->
          throw r.errorAt(
              at, "expected an extern type 0x00-0x05, found 0x" + Integer.toHexString(kind));
    }
  }

  private static String hint(ExternName name) {
    return name instanceof ExternName.Plain(String label) ? label : name.text();
  }

  // ---- value types

  private ValueType defValType(ByteReader r, Scope scope) throws ComponentFormatException {
    int at = r.position();
    int op = r.u8("value type");
    PrimitiveType p = primitive(op);
    if (p != null) {
      return p;
    }
    ValueType t =
        switch (op) {
          case 0x72 -> {
            int n = nonEmptyCount(r, "record fields", at);
            List<RecordType.Field> fields = new ArrayList<>(n);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < n; i++) {
              int fAt = r.position();
              String name = label(r, "field name");
              unique(r, names, name, "field", fAt);
              fields.add(new RecordType.Field(name, valType(r, scope)));
            }
            yield new RecordType(fields);
          }
          case 0x71 -> {
            int n = nonEmptyCount(r, "variant cases", at);
            List<VariantType.Case> cases = new ArrayList<>(n);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < n; i++) {
              int cAt = r.position();
              String name = label(r, "case name");
              unique(r, names, name, "case", cAt);
              Optional<ValueType> payload = optionalValType(r, scope);
              int end = r.u8("case terminator");
              if (end != 0x00) {
                throw r.errorAt(
                    r.position() - 1,
                    "expected 0x00 after variant case '" + name + "', found " + end);
              }
              cases.add(new VariantType.Case(name, payload));
            }
            yield new VariantType(cases);
          }
          case 0x70 -> new ListType(valType(r, scope));
          case 0x6f -> {
            int n = nonEmptyCount(r, "tuple elements", at);
            List<ValueType> elements = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
              elements.add(valType(r, scope));
            }
            yield new TupleType(elements);
          }
          case 0x6e -> {
            int n = nonEmptyCount(r, "flags", at);
            if (n > FlagsType.MAX_FLAGS) {
              throw r.errorAt(
                  at, "flags with " + n + " names: at most " + FlagsType.MAX_FLAGS + " allowed");
            }
            yield new FlagsType(labels(r, n, "flag"));
          }
          case 0x6d -> new EnumType(labels(r, nonEmptyCount(r, "enum cases", at), "enum case"));
          case 0x6b -> new OptionType(valType(r, scope));
          case 0x6a -> new ResultType(optionalValType(r, scope), optionalValType(r, scope));
          case 0x69, 0x68 -> {
            int tAt = r.position();
            int idx = r.index("type index");
            ResourceType res =
                scope.get(Sort.TYPE, idx, ResourceType.class, "a resource type", tAt);
            ValueType handle = op == 0x69 ? new OwnType(res) : new BorrowType(res);
            scope.external.handleDefined(handle, idx);
            yield handle;
          }
          case 0x67 -> throw new UnsupportedFeatureException(at, "fixed-size list", "🔧 gated");
          case 0x66 -> throw new UnsupportedFeatureException(at, "stream", "async (P3)");
          case 0x65 -> throw new UnsupportedFeatureException(at, "future", "async (P3)");
          case 0x64 -> throw new UnsupportedFeatureException(at, "error-context", "📝 gated");
          case 0x63 -> throw new UnsupportedFeatureException(at, "map", "🗺️ gated");
          default -> throw r.errorAt(at, "unknown type opcode 0x" + Integer.toHexString(op));
        };
    checks.register(t, at);
    return t;
  }

  private static PrimitiveType primitive(int op) {
    return switch (op) {
      case 0x7f -> PrimitiveType.BOOL;
      case 0x7e -> PrimitiveType.S8;
      case 0x7d -> PrimitiveType.U8;
      case 0x7c -> PrimitiveType.S16;
      case 0x7b -> PrimitiveType.U16;
      case 0x7a -> PrimitiveType.S32;
      case 0x79 -> PrimitiveType.U32;
      case 0x78 -> PrimitiveType.S64;
      case 0x77 -> PrimitiveType.U64;
      case 0x76 -> PrimitiveType.F32;
      case 0x75 -> PrimitiveType.F64;
      case 0x74 -> PrimitiveType.CHAR;
      case 0x73 -> PrimitiveType.STRING;
      default -> null;
    };
  }

  /** A {@code valtype}: a primitive opcode (negative s33) or a type index (non-negative). */
  ValueType valType(ByteReader r, Scope scope) throws ComponentFormatException {
    int at = r.position();
    long v = r.s33("value type");
    if (v >= 0) {
      if (v > Integer.MAX_VALUE) {
        throw r.errorAt(at, "type index " + v + " is out of range");
      }
      return scope.get(Sort.TYPE, (int) v, ValueType.class, "a value type", at);
    }
    PrimitiveType p = v >= -64 ? primitive((int) (v & 0x7f)) : null;
    if (p == null) {
      if (v == -28) {
        throw new UnsupportedFeatureException(at, "error-context", "📝 gated");
      }
      throw r.errorAt(at, "expected a value type (a primitive or a type index), found " + v);
    }
    return p;
  }

  private Optional<ValueType> optionalValType(ByteReader r, Scope scope)
      throws ComponentFormatException {
    int at = r.position();
    int b = r.u8("optional type");
    return switch (b) {
      case 0x00 -> Optional.empty();
      case 0x01 -> Optional.of(valType(r, scope));
      default -> throw r.errorAt(at, "expected 0x00 or 0x01 before an optional type, found " + b);
    };
  }

  private static int nonEmptyCount(ByteReader r, String what, int at)
      throws ComponentFormatException {
    int n = r.count(what, 1);
    if (n == 0) {
      throw r.errorAt(at, what + ": expected at least one, found none");
    }
    return n;
  }

  private static List<String> labels(ByteReader r, int n, String what)
      throws ComponentFormatException {
    List<String> labels = new ArrayList<>(n);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < n; i++) {
      int at = r.position();
      String l = label(r, what + " name");
      unique(r, names, l, what, at);
      labels.add(l);
    }
    return labels;
  }

  private static void unique(ByteReader r, Set<String> seen, String name, String what, int at)
      throws ComponentFormatException {
    if (!seen.add(name.toLowerCase(Locale.ROOT))) {
      throw r.errorAt(at, "duplicate " + what + " name '" + name + "'");
    }
  }

  private static String label(ByteReader r, String what) throws ComponentFormatException {
    int at = r.position();
    String s = r.name(what);
    if (!Names.isLabel(s)) {
      throw r.errorAt(at, what + " '" + s + "' is not a kebab-case label");
    }
    return s;
  }
}
