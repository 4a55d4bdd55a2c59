package dev.brio.component.binary;

import dev.brio.component.types.ComponentType;
import dev.brio.component.types.CoreExternType;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.CoreInstanceType;
import dev.brio.component.types.CoreModuleType;
import dev.brio.component.types.CoreValType;
import dev.brio.component.types.DefinedType;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.ResourceType;
import dev.brio.component.types.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Parses and validates a component binary in one pass (Binary.md): every section of the MVP, index
 * spaces built as definitions are read, every index checked for range and sort, and the types of
 * aliases, instantiations, canonical definitions, imports and exports resolved.
 *
 * <p>Bad input ends in a {@link ComponentFormatException}; the async, threads and other gated
 * built-ins end in an {@link UnsupportedFeatureException} naming them.
 */
public final class ComponentParser {
  /** Nesting of components and type declarators; real components nest a few levels. */
  static final int MAX_NESTING = 100;

  private final TypeChecks typeChecks = new TypeChecks();

  /** Facts about types that hold wherever they are used (which refer to resources). */
  private final ResourceRules typeFacts = new ResourceRules();

  private final TypeParser typeParser = new TypeParser(typeChecks, typeFacts);
  private final Flattening flattening = new Flattening();
  private final TypeMatcher typeMatcher = new TypeMatcher();
  private int lastOffset;

  private ComponentParser() {}

  /** Parses and validates a component. */
  public static Component parse(byte[] bytes) throws ComponentFormatException {
    var parser = new ComponentParser();
    var reader = new ByteReader(bytes, 0, bytes.length);
    try {
      return parser.component(reader, null);
    } catch (StackOverflowError e) {
      // A safety net only: nesting limits keep recursion shallow for any input we know of.
      throw new ComponentFormatException(parser.lastOffset, "definitions nested too deeply");
    }
  }

  private Component component(ByteReader r, Scope parent) throws ComponentFormatException {
    Preamble.expectComponent(r);
    Scope scope = new Scope(parent, Scope.Kind.COMPONENT);
    if (scope.depth > MAX_NESTING) {
      throw r.error("components nested more than " + MAX_NESTING + " levels deep");
    }
    var state = new State(scope);
    while (!r.atEnd()) {
      int at = r.position();
      lastOffset = at;
      int id = r.u8("section id");
      int size = r.index("section size");
      ByteReader s = r.window(size, "section contents (" + size + " bytes)");
      state.sections.add(new SectionHeader(id, s.position(), size));
      switch (id) {
        case 0 -> {
          String name = s.name("custom section name");
          state.customs.add(
              new CustomSection(name, new ByteSlice(s.bytes(), s.position(), s.remaining())));
          s.skip(s.remaining(), "custom section");
        }
        case 1 -> coreModule(s, state);
        case 2 -> vec(s, "core instances", 2, () -> coreInstance(s, state));
        case 3 -> vec(s, "core types", 1, () -> coreTypeDefinition(s, state));
        case 4 -> {
          Component nested = component(s, scope);
          int index = scope.add(Sort.COMPONENT, nested.type());
          state.definitions.add(new Definition.NestedComponent(index, nested));
        }
        case 5 -> vec(s, "instances", 2, () -> instance(s, state));
        case 6 -> vec(s, "aliases", 3, () -> alias(s, state));
        case 7 -> vec(s, "types", 1, () -> typeDefinition(s, state));
        case 8 -> vec(s, "canonical definitions", 2, () -> canon(s, state));
        case 9 ->
            throw new UnsupportedFeatureException(
                at, "start", "component start functions (🪙) are not supported");
        case 10 -> vec(s, "imports", 3, () -> importDefinition(s, state));
        case 11 -> vec(s, "exports", 4, () -> exportDefinition(s, state));
        case 12 ->
            throw new UnsupportedFeatureException(
                at, "value definitions", "the value section (🪙) is not supported");
        default -> throw r.errorAt(at, "unknown section id " + id + ": expected 0-12");
      }
      s.expectEnd("section " + id);
    }
    return new Component(
        state.definitions,
        state.customs,
        state.sections,
        new ComponentType(state.imports, state.exports));
  }

  /** What a component accumulates while its sections are read. */
  private static final class State {
    final Scope scope;
    final List<Definition> definitions = new ArrayList<>();
    final List<CustomSection> customs = new ArrayList<>();
    final List<SectionHeader> sections = new ArrayList<>();
    final LinkedHashMap<String, NamedExtern> imports = new LinkedHashMap<>();
    final LinkedHashMap<String, NamedExtern> exports = new LinkedHashMap<>();
    final ResourceRules resources = new ResourceRules();

    State(Scope scope) {
      this.scope = scope;
    }
  }

  @FunctionalInterface
  interface Item {
    void read() throws ComponentFormatException;
  }

  static void vec(ByteReader r, String what, int minBytes, Item item)
      throws ComponentFormatException {
    int n = r.count(what, minBytes);
    for (int i = 0; i < n; i++) {
      item.read();
    }
  }

  // ---- core definitions

  private void coreModule(ByteReader s, State state) throws ComponentFormatException {
    int start = s.position();
    int length = s.remaining();
    CoreModuleType type = CoreModuleScanner.scan(s);
    int index = state.scope.add(Sort.CORE_MODULE, type);
    state.definitions.add(
        new Definition.CoreModule(index, new ByteSlice(s.bytes(), start, length), type));
  }

  private void coreInstance(ByteReader r, State state) throws ComponentFormatException {
    Scope scope = state.scope;
    int at = r.position();
    int tag = r.u8("core instance expression");
    switch (tag) {
      case 0x00 -> {
        int moduleAt = r.position();
        int module = r.index("core module index");
        CoreModuleType type =
            scope.get(Sort.CORE_MODULE, module, CoreModuleType.class, "a core module", moduleAt);
        Map<String, CoreInstanceType> args = new HashMap<>();
        List<Definition.CoreInstantiateArg> argList = new ArrayList<>();
        int n = r.count("core instantiate arguments", 3);
        for (int i = 0; i < n; i++) {
          int argAt = r.position();
          String name = r.name("argument name");
          int sort = r.u8("argument sort");
          if (sort != 0x12) {
            throw r.errorAt(
                r.position() - 1,
                "expected core instance sort 0x12 for argument '"
                    + name
                    + "', found 0x"
                    + Integer.toHexString(sort));
          }
          int idxAt = r.position();
          int instance = r.index("core instance index");
          CoreInstanceType it =
              scope.get(
                  Sort.CORE_INSTANCE, instance, CoreInstanceType.class, "a core instance", idxAt);
          if (args.put(name, it) != null) {
            throw r.errorAt(argAt, "duplicate core instantiate argument '" + name + "'");
          }
          argList.add(new Definition.CoreInstantiateArg(name, instance));
        }
        for (CoreModuleType.Import imp : type.imports()) {
          CoreInstanceType supplied = args.get(imp.module());
          if (supplied == null) {
            throw r.errorAt(
                at,
                "core module " + module + " imports '" + imp.module() + "': no argument named so");
          }
          var export = supplied.exportNamed(imp.name());
          if (export.isEmpty()) {
            throw r.errorAt(
                at,
                "core import '"
                    + imp.module()
                    + "' '"
                    + imp.name()
                    + "': the instance given has no such export");
          }
          checkCoreMatch(r, at, imp, export.get().type());
        }
        int index = scope.add(Sort.CORE_INSTANCE, new CoreInstanceType(type.exports()));
        state.definitions.add(new Definition.CoreInstantiate(index, module, argList));
      }
      case 0x01 -> {
        List<CoreModuleType.Export> exports = new ArrayList<>();
        List<Definition.CoreInlineExport> inline = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int n = r.count("core inline exports", 3);
        for (int i = 0; i < n; i++) {
          int exportAt = r.position();
          String name = r.name("export name");
          Sort sort = coreSort(r);
          int idxAt = r.position();
          int idx = r.index(sort + " index");
          if (sort == Sort.CORE_TYPE || sort == Sort.CORE_MODULE || sort == Sort.CORE_INSTANCE) {
            throw r.errorAt(exportAt, "a core instance cannot export a " + sort);
          }
          CoreExternType t = scope.get(sort, idx, CoreExternType.class, "a core definition", idxAt);
          if (!names.add(name)) {
            throw r.errorAt(exportAt, "duplicate core export name '" + name + "'");
          }
          exports.add(new CoreModuleType.Export(name, t));
          inline.add(new Definition.CoreInlineExport(name, sort, idx));
        }
        int index = scope.add(Sort.CORE_INSTANCE, CoreInstanceType.of(exports));
        state.definitions.add(new Definition.CoreInlineInstance(index, inline));
      }
      default ->
          throw r.errorAt(
              at,
              "expected core instance expression 0x00 or 0x01, found 0x"
                  + Integer.toHexString(tag));
    }
  }

  private static void checkCoreMatch(
      ByteReader r, int at, CoreModuleType.Import imp, CoreExternType supplied)
      throws ComponentFormatException {
    String where = "core import '" + imp.module() + "' '" + imp.name() + "'";
    if (Scope.sortOf(imp.type()) != Scope.sortOf(supplied)) {
      throw r.errorAt(
          at, where + ": expected a " + imp.type().sortName() + ", found a " + supplied.sortName());
    }
    if (imp.type() instanceof CoreExternType.Func(Optional<CoreFuncType> want)
        && supplied instanceof CoreExternType.Func(Optional<CoreFuncType> have)
        && want.isPresent()
        && have.isPresent()
        && !want.get().equals(have.get())) {
      throw r.errorAt(at, where + ": expected func type " + want.get() + ", found " + have.get());
    }
  }

  static Sort coreSort(ByteReader r) throws ComponentFormatException {
    int at = r.position();
    int b = r.u8("core sort");
    return switch (b) {
      case 0x00 -> Sort.CORE_FUNC;
      case 0x01 -> Sort.CORE_TABLE;
      case 0x02 -> Sort.CORE_MEMORY;
      case 0x03 -> Sort.CORE_GLOBAL;
      case 0x04 -> Sort.CORE_TAG;
      case 0x10 -> Sort.CORE_TYPE;
      case 0x11 -> Sort.CORE_MODULE;
      case 0x12 -> Sort.CORE_INSTANCE;
      default -> throw r.errorAt(at, "expected a core sort, found 0x" + Integer.toHexString(b));
    };
  }

  static Sort sort(ByteReader r) throws ComponentFormatException {
    int at = r.position();
    int b = r.u8("sort");
    return switch (b) {
      case 0x00 -> coreSort(r);
      case 0x01 -> Sort.FUNC;
      case 0x02 ->
          throw new UnsupportedFeatureException(
              at, "value", "component-level values (🪙) are not supported");
      case 0x03 -> Sort.TYPE;
      case 0x04 -> Sort.COMPONENT;
      case 0x05 -> Sort.INSTANCE;
      default ->
          throw r.errorAt(at, "expected a sort 0x00-0x05, found 0x" + Integer.toHexString(b));
    };
  }

  private void coreTypeDefinition(ByteReader r, State state) throws ComponentFormatException {
    var type = typeParser.coreType(r, state.scope);
    int index = state.scope.add(Sort.CORE_TYPE, type);
    state.definitions.add(new Definition.CoreTypeDefinition(index, type));
  }

  // ---- component definitions

  private void instance(ByteReader r, State state) throws ComponentFormatException {
    Scope scope = state.scope;
    int at = r.position();
    int tag = r.u8("instance expression");
    switch (tag) {
      case 0x00 -> {
        int cAt = r.position();
        int c = r.index("component index");
        ComponentType ct = scope.get(Sort.COMPONENT, c, ComponentType.class, "a component", cAt);
        Map<String, ExternType> args = new HashMap<>();
        List<Definition.InstantiateArg> argList = new ArrayList<>();
        int n = r.count("instantiate arguments", 3);
        for (int i = 0; i < n; i++) {
          int argAt = r.position();
          String name = r.name("argument name");
          Sort sort = sort(r);
          int idxAt = r.position();
          int idx = r.index(sort + " index");
          ExternType t = scope.externTypeOf(sort, idx, idxAt);
          if (args.put(name, t) != null) {
            throw r.errorAt(argAt, "duplicate instantiate argument '" + name + "'");
          }
          argList.add(new Definition.InstantiateArg(name, sort, idx));
        }
        Map<ResourceType, ResourceType> supplied = new IdentityHashMap<>();
        for (NamedExtern imp : ct.imports().values()) {
          ExternType arg = args.get(imp.name().text());
          if (arg == null) {
            throw r.errorAt(
                at,
                "component "
                    + c
                    + " imports '"
                    + imp.name().text()
                    + "' ("
                    + imp.type().sortName()
                    + "): no argument named so");
          }
          if (Scope.sortOf(arg) != Scope.sortOf(imp.type())) {
            throw r.errorAt(
                at,
                "argument '"
                    + imp.name().text()
                    + "': expected a "
                    + imp.type().sortName()
                    + ", found a "
                    + arg.sortName());
          }
          if (imp.type() instanceof ExternType.Type(ResourceType wanted) && wanted.isFresh()) {
            if (!(arg instanceof ExternType.Type(ResourceType given))) {
              throw r.errorAt(at, "argument '" + imp.name().text() + "': expected a resource type");
            }
            supplied.put(wanted, given);
          }
          // An imported instance's abstract resources (wasi:io/error's `error`) are bound the same
          // way, to the resources the argument instance exports under those names.
          if (imp.type() instanceof ExternType.Instance(InstanceType wantedInstance)
              && arg instanceof ExternType.Instance(InstanceType givenInstance)) {
            for (NamedExtern e : wantedInstance.exportList()) {
              if (e.type() instanceof ExternType.Type(ResourceType wanted)
                  && wanted.isFresh()
                  && givenInstance.exportNamed(e.name().text()).map(NamedExtern::type).orElse(null)
                      instanceof ExternType.Type(ResourceType given)) {
                supplied.put(wanted, given);
              }
            }
          }
        }
        var substitution = new TypeSubstitution(supplied);
        // With every supplied resource substituted, each argument must be a subtype of its import.
        for (NamedExtern imp : ct.imports().values()) {
          ExternType arg = args.get(imp.name().text());
          String mismatch = typeMatcher.mismatch(arg, substitution.apply(imp.type()));
          if (mismatch != null) {
            throw r.errorAt(
                at, "argument '" + imp.name().text() + "' does not match the import: " + mismatch);
          }
        }
        // Resource types are generative: each resource the component exports that is not one it
        // imports is a new type for this instantiation alone, so two instances of one component
        // do not share their resource types.
        Map<ResourceType, ResourceType> generated = new IdentityHashMap<>(supplied);
        for (NamedExtern e : ct.exports().values()) {
          generateExported(e, generated);
        }
        var exportSubstitution = new TypeSubstitution(generated);
        InstanceType it =
            InstanceType.of(
                ct.exports().values().stream()
                    .map(e -> new NamedExtern(e.name(), exportSubstitution.apply(e.type())))
                    .toList());
        int index = scope.add(Sort.INSTANCE, it);
        state.definitions.add(new Definition.Instantiate(index, c, argList, it));
      }
      case 0x01 -> {
        List<NamedExtern> exports = new ArrayList<>();
        List<Definition.InlineExport> inline = new ArrayList<>();
        var names = new NameScope();
        int n = r.count("inline exports", 4);
        for (int i = 0; i < n; i++) {
          int exportAt = r.position();
          ExternName name = nameAttributes(r);
          Sort sort = sort(r);
          int idxAt = r.position();
          int idx = r.index(sort + " index");
          ExternType t = scope.externTypeOf(sort, idx, idxAt);
          names.addExport(name, t, exportAt);
          exports.add(new NamedExtern(name, t));
          inline.add(new Definition.InlineExport(name, sort, idx));
        }
        int index = scope.add(Sort.INSTANCE, InstanceType.of(exports));
        state.definitions.add(new Definition.InlineInstance(index, inline));
      }
      default ->
          throw r.errorAt(
              at, "expected instance expression 0x00 or 0x01, found 0x" + Integer.toHexString(tag));
    }
  }

  /**
   * Adds a fresh type for each resource type an export of a component type introduces (the export
   * itself, or the type exports of an exported instance), unless it is already mapped (imported).
   */
  private static void generateExported(NamedExtern e, Map<ResourceType, ResourceType> generated) {
    switch (e.type()) {
      case ExternType.Type(ResourceType rt) when !generated.containsKey(rt) ->
          generated.put(rt, ResourceType.fresh(e.name().text()));
      case ExternType.Instance(InstanceType it) -> {
        for (NamedExtern member : it.exportList()) {
          generateExported(member, generated);
        }
      }
      default -> {}
    }
  }

  private void alias(ByteReader r, State state) throws ComponentFormatException {
    Definition d = alias(r, state.scope, false, typeFacts);
    state.definitions.add(d);
  }

  /**
   * An alias, as a definition or as a declarator of a component/instance type (where Binary.md
   * restricts export aliases to instances and types, and outer aliases to core types and types).
   */
  static Definition alias(ByteReader r, Scope scope, boolean declarator, ResourceRules facts)
      throws ComponentFormatException {
    int at = r.position();
    Sort sort = sort(r);
    int tagAt = r.position();
    int tag = r.u8("alias target");
    switch (tag) {
      case 0x00 -> {
        int iAt = r.position();
        int instance = r.index("instance index");
        String name = r.name("export name");
        if (declarator && sort != Sort.INSTANCE && sort != Sort.TYPE) {
          throw r.errorAt(at, "a type declarator cannot alias an export of sort " + sort);
        }
        InstanceType it =
            scope.get(Sort.INSTANCE, instance, InstanceType.class, "an instance", iAt);
        NamedExtern export =
            it.exportNamed(name)
                .orElseThrow(
                    () ->
                        r.errorAt(
                            at, "instance " + instance + " has no export named '" + name + "'"));
        if (Scope.sortOf(export.type()) != sort) {
          throw r.errorAt(
              at,
              "export '"
                  + name
                  + "' of instance "
                  + instance
                  + ": expected a "
                  + sort
                  + ", found a "
                  + export.type().sortName());
        }
        int index = scope.declare(export.type());
        return new Definition.ExportAlias(sort, instance, name, index);
      }
      case 0x01 -> {
        if (!sort.isCore()) {
          throw r.errorAt(at, "a core export alias needs a core sort, found " + sort);
        }
        if (declarator) {
          throw r.errorAt(at, "a type declarator cannot alias a core export");
        }
        int iAt = r.position();
        int instance = r.index("core instance index");
        String name = r.name("export name");
        CoreInstanceType it =
            scope.get(Sort.CORE_INSTANCE, instance, CoreInstanceType.class, "a core instance", iAt);
        CoreModuleType.Export export =
            it.exportNamed(name)
                .orElseThrow(
                    () ->
                        r.errorAt(
                            at,
                            "core instance " + instance + " has no export named '" + name + "'"));
        if (Scope.sortOf(export.type()) != sort) {
          throw r.errorAt(
              at,
              "export '"
                  + name
                  + "' of core instance "
                  + instance
                  + ": expected a "
                  + sort
                  + ", found a core "
                  + export.type().sortName());
        }
        int index = scope.add(sort, export.type());
        return new Definition.CoreExportAlias(sort, instance, name, index);
      }
      case 0x02 -> {
        int ctAt = r.position();
        int count = r.index("outer count");
        int idxAt = r.position();
        int idx = r.index("outer index");
        boolean allowed =
            declarator
                ? sort == Sort.CORE_TYPE || sort == Sort.TYPE
                : sort == Sort.CORE_MODULE
                    || sort == Sort.CORE_TYPE
                    || sort == Sort.TYPE
                    || sort == Sort.COMPONENT;
        if (!allowed) {
          throw r.errorAt(at, "an outer alias cannot refer to a " + sort);
        }
        Scope target = scope.outer(count, ctAt);
        Object entry = target.get(sort, idx, idxAt);
        if (sort == Sort.TYPE && crossesComponent(scope, count) && facts.refersToResource(entry)) {
          throw r.errorAt(
              idxAt,
              "an outer alias across a component boundary cannot refer to a resource type (type "
                  + idx
                  + ")");
        }
        int index = scope.add(sort, entry);
        return new Definition.OuterAlias(sort, count, idx, index);
      }
      default ->
          throw r.errorAt(
              tagAt, "expected alias target 0x00-0x02, found 0x" + Integer.toHexString(tag));
    }
  }

  /** Whether walking {@code count} scopes out leaves a component (not just a type declarator). */
  private static boolean crossesComponent(Scope scope, int count) {
    Scope s = scope;
    for (int i = 0; i < count && s != null; i++) {
      if (s.kind == Scope.Kind.COMPONENT) {
        return true;
      }
      s = s.parent;
    }
    return false;
  }

  private void typeDefinition(ByteReader r, State state) throws ComponentFormatException {
    DefinedType t = typeParser.definedType(r, state.scope, true);
    if (t instanceof ResourceType resource) {
      state.resources.define(resource);
    }
    int index = state.scope.add(Sort.TYPE, t);
    state.definitions.add(new Definition.TypeDefinition(index, t));
  }

  // ---- canonical definitions

  private static final CoreFuncType I32_TO_I32 =
      new CoreFuncType(List.of(CoreValType.I32), List.of(CoreValType.I32));
  private static final CoreFuncType I32_TO_NOTHING =
      new CoreFuncType(List.of(CoreValType.I32), List.of());

  private void canon(ByteReader r, State state) throws ComponentFormatException {
    Scope scope = state.scope;
    int at = r.position();
    int op = r.u8("canon opcode");
    switch (op) {
      case 0x00 -> {
        expectFuncSort(r);
        int fAt = r.position();
        int coreFunc = r.index("core func index");
        CoreExternType.Func cf =
            scope.get(Sort.CORE_FUNC, coreFunc, CoreExternType.Func.class, "a core func", fAt);
        CanonOptions opts = canonOptions(r, scope, true);
        int tAt = r.position();
        int typeIndex = r.index("type index");
        FuncType ft = scope.get(Sort.TYPE, typeIndex, FuncType.class, "a func type", tAt);
        CoreFuncType flat = flattening.functype(ft, Flattening.Context.LIFT);
        if (cf.type().isPresent() && !cf.type().get().equals(flat)) {
          throw r.errorAt(
              fAt,
              "canon lift: core func "
                  + coreFunc
                  + " has type "
                  + cf.type().get()
                  + ", the func type flattens to "
                  + flat);
        }
        requireOptions(r, at, ft, opts, Flattening.Context.LIFT);
        if (opts.postReturn().isPresent()) {
          var post = new CoreFuncType(flat.results(), List.of());
          var pr =
              (CoreExternType.Func) scope.get(Sort.CORE_FUNC, opts.postReturn().getAsInt(), at);
          if (pr.type().isPresent() && !pr.type().get().equals(post)) {
            throw r.errorAt(
                at, "post-return function has type " + pr.type().get() + ", expected " + post);
          }
        }
        int index = scope.add(Sort.FUNC, ft);
        state.definitions.add(new Definition.CanonLift(index, coreFunc, opts, typeIndex, ft));
      }
      case 0x01 -> {
        expectFuncSort(r);
        int fAt = r.position();
        int func = r.index("func index");
        FuncType ft = scope.get(Sort.FUNC, func, FuncType.class, "a func", fAt);
        CanonOptions opts = canonOptions(r, scope, false);
        requireOptions(r, at, ft, opts, Flattening.Context.LOWER);
        CoreFuncType flat = flattening.functype(ft, Flattening.Context.LOWER);
        int index = scope.add(Sort.CORE_FUNC, new CoreExternType.Func(Optional.of(flat)));
        state.definitions.add(new Definition.CanonLower(index, func, opts));
      }
      case 0x02, 0x03, 0x04 -> {
        int tAt = r.position();
        int typeIndex = r.index("type index");
        ResourceType rt =
            scope.get(Sort.TYPE, typeIndex, ResourceType.class, "a resource type", tAt);
        if (op != 0x03 && !state.resources.isDefinedHere(rt)) {
          throw r.errorAt(
              tAt,
              "resource."
                  + (op == 0x02 ? "new" : "rep")
                  + " needs a resource defined by this component, type "
                  + typeIndex
                  + " is not");
        }
        CoreFuncType coreType = op == 0x03 ? I32_TO_NOTHING : I32_TO_I32;
        int index = scope.add(Sort.CORE_FUNC, new CoreExternType.Func(Optional.of(coreType)));
        state.definitions.add(
            switch (op) {
              case 0x02 -> new Definition.ResourceNew(index, typeIndex, rt);
              case 0x03 -> new Definition.ResourceDrop(index, typeIndex, rt);
              default -> new Definition.ResourceRep(index, typeIndex, rt);
            });
      }
      default -> {
        String name = GatedBuiltins.name(op);
        if (name != null) {
          throw new UnsupportedFeatureException(
              at, name, "async, threads and error-context built-ins (P3) are not supported");
        }
        throw r.errorAt(at, "unknown canon opcode 0x" + Integer.toHexString(op));
      }
    }
  }

  /** The options CanonicalABI.md requires for what lifting or lowering this type does. */
  private void requireOptions(
      ByteReader r, int at, FuncType ft, CanonOptions opts, Flattening.Context context)
      throws ComponentFormatException {
    boolean paramsUseMemory =
        ft.params().stream().anyMatch(p -> typeChecks.hasListOrString(p.type()));
    boolean resultUsesMemory = ft.result().map(typeChecks::hasListOrString).orElse(false);
    boolean paramsSpill = flattening.paramsSpill(ft);
    boolean resultSpills = flattening.resultSpills(ft);
    boolean lift = context == Flattening.Context.LIFT;
    String why = null;
    if (lift && (paramsUseMemory || paramsSpill) && opts.realloc().isEmpty()) {
      why =
          "realloc is required: the params "
              + (paramsSpill ? "spill to memory" : "contain a string or list");
    } else if (!lift && resultUsesMemory && opts.realloc().isEmpty()) {
      why = "realloc is required: the result contains a string or list";
    } else if (opts.memory().isEmpty()
        && (opts.realloc().isPresent()
            || resultSpills
            || (lift ? resultUsesMemory : paramsUseMemory || paramsSpill))) {
      why = "memory is required: the function passes values through linear memory";
    }
    if (why != null) {
      throw r.errorAt(at, "canon " + (lift ? "lift" : "lower") + ": " + why);
    }
  }

  private static void expectFuncSort(ByteReader r) throws ComponentFormatException {
    int b = r.u8("func sort");
    if (b != 0x00) {
      throw r.errorAt(
          r.position() - 1,
          "expected 0x00 (func sort) after canon opcode, found 0x" + Integer.toHexString(b));
    }
  }

  private static CanonOptions canonOptions(ByteReader r, Scope scope, boolean lift)
      throws ComponentFormatException {
    StringEncoding encoding = null;
    OptionalInt memory = OptionalInt.empty();
    OptionalInt realloc = OptionalInt.empty();
    OptionalInt postReturn = OptionalInt.empty();
    int n = r.count("canon options", 1);
    for (int i = 0; i < n; i++) {
      int at = r.position();
      int op = r.u8("canon option");
      switch (op) {
        case 0x00, 0x01, 0x02 -> {
          if (encoding != null) {
            throw r.errorAt(at, "string-encoding given more than once");
          }
          encoding = StringEncoding.values()[op];
        }
        case 0x03 -> {
          if (memory.isPresent()) {
            throw r.errorAt(at, "memory given more than once");
          }
          int idxAt = r.position();
          int idx = r.index("core memory index");
          scope.get(Sort.CORE_MEMORY, idx, CoreExternType.Memory.class, "a core memory", idxAt);
          memory = OptionalInt.of(idx);
        }
        case 0x04 -> {
          if (realloc.isPresent()) {
            throw r.errorAt(at, "realloc given more than once");
          }
          realloc = OptionalInt.of(coreFuncOfType(r, scope, REALLOC_TYPE, "realloc"));
        }
        case 0x05 -> {
          if (postReturn.isPresent()) {
            throw r.errorAt(at, "post-return given more than once");
          }
          if (!lift) {
            throw r.errorAt(at, "post-return is only allowed on canon lift");
          }
          int idxAt = r.position();
          int idx = r.index("core func index");
          scope.get(Sort.CORE_FUNC, idx, CoreExternType.Func.class, "a core func", idxAt);
          postReturn = OptionalInt.of(idx);
        }
        case 0x06 -> throw new UnsupportedFeatureException(at, "async", "async canon option (P3)");
        case 0x07 ->
            throw new UnsupportedFeatureException(at, "callback", "async callback option (P3)");
        default -> throw r.errorAt(at, "unknown canon option 0x" + Integer.toHexString(op));
      }
    }
    return new CanonOptions(
        encoding == null ? StringEncoding.UTF8 : encoding, memory, realloc, postReturn);
  }

  private static final CoreFuncType REALLOC_TYPE =
      new CoreFuncType(
          List.of(CoreValType.I32, CoreValType.I32, CoreValType.I32, CoreValType.I32),
          List.of(CoreValType.I32));

  private static int coreFuncOfType(ByteReader r, Scope scope, CoreFuncType want, String what)
      throws ComponentFormatException {
    int idxAt = r.position();
    int idx = r.index("core func index");
    CoreExternType.Func f =
        scope.get(Sort.CORE_FUNC, idx, CoreExternType.Func.class, "a core func", idxAt);
    if (f.type().isPresent() && !f.type().get().equals(want)) {
      throw r.errorAt(
          idxAt,
          what + " function " + idx + ": expected type " + want + ", found " + f.type().get());
    }
    return idx;
  }

  // ---- start, imports, exports

  private void importDefinition(ByteReader r, State state) throws ComponentFormatException {
    int at = r.position();
    ExternName name = nameAttributes(r);
    ExternType type = ExternalNames.fresh(typeParser.externType(r, state.scope, name));
    var unnamedInImport = state.scope.external.imported(type);
    if (unnamedInImport.isPresent()) {
      throw r.errorAt(at, notVisible("import", name, type, unnamedInImport.get()));
    }
    state.scope.names.addImport(name, type, at);
    state.resources.name(type);
    int index = state.scope.declare(type);
    state.imports.put(name.text(), new NamedExtern(name, type));
    state.definitions.add(new Definition.Import(name, type, index));
  }

  /** The external-visibility rule's message (Explainer.md, "External Visibility of Types"). */
  static String notVisible(String kind, ExternName name, ExternType type, String unnamed) {
    return kind
        + " '"
        + name.text()
        + "': "
        + type.sortName()
        + " not valid to be used as "
        + kind
        + ": its type uses "
        + unnamed
        + " that no "
        + (kind.equals("import") ? "import" : "import or export")
        + " before it names";
  }

  private void exportDefinition(ByteReader r, State state) throws ComponentFormatException {
    Scope scope = state.scope;
    int at = r.position();
    ExternName name = nameAttributes(r);
    Sort sort = sort(r);
    int idxAt = r.position();
    int idx = r.index(sort + " index");
    ExternType inferred = scope.externTypeOf(sort, idx, idxAt);
    int optAt = r.position();
    int hasType = r.u8("export type presence");
    ExternType type = inferred;
    if (hasType == 0x01) {
      ExternType ascribed = typeParser.externType(r, scope, name);
      if (Scope.sortOf(ascribed) != sort) {
        throw r.errorAt(
            optAt,
            "export '" + name.text() + "' of a " + sort + " ascribed a " + ascribed.sortName());
      }
      String mismatch = typeMatcher.mismatch(inferred, ascribed);
      if (mismatch != null && !(sort == Sort.TYPE && isFreshResource(ascribed))) {
        throw r.errorAt(
            optAt, "export '" + name.text() + "' does not match its ascribed type: " + mismatch);
      }
      // A resource type export keeps the identity of what it exports; other sorts, and value
      // types, take the ascription (whose references the external-visibility rule checks).
      if (sort != Sort.TYPE
          || (ascribed instanceof ExternType.Type(var t) && t instanceof ValueType)) {
        type = ascribed;
      }
    } else if (hasType != 0x00) {
      throw r.errorAt(optAt, "expected 0x00 or 0x01 before an export's type, found " + hasType);
    }
    scope.names.addExport(name, type, at);
    state.resources.name(type);
    var unnamed = state.resources.unnamed(type);
    if (unnamed.isPresent()) {
      throw r.errorAt(
          at,
          "export '"
              + name.text()
              + "' uses a resource type ("
              + unnamed.get().hint()
              + ") that no import or export before it names");
    }
    type = ExternalNames.fresh(type);
    var unnamedInExport = scope.external.exported(type);
    if (unnamedInExport.isPresent()) {
      throw r.errorAt(at, notVisible("export", name, type, unnamedInExport.get()));
    }
    int index = scope.declare(type);
    if (type instanceof ExternType.Type t && t.type() instanceof ResourceType) {
      scope.external.resourceExported(index);
    }
    state.exports.put(name.text(), new NamedExtern(name, type));
    state.definitions.add(new Definition.Export(name, sort, idx, type, index));
  }

  /** {@code (sub resource)}: exporting any resource under it is fine. */
  private static boolean isFreshResource(ExternType t) {
    return t instanceof ExternType.Type(ResourceType r) && r.isFresh();
  }

  /**
   * {@code nameattributes}: the extern name, plus (with 0x02) attributes such as {@code implements}
   * and {@code versionsuffix}, which are checked and otherwise ignored.
   */
  static ExternName nameAttributes(ByteReader r) throws ComponentFormatException {
    int at = r.position();
    int tag = r.u8("name tag");
    if (tag > 0x02) {
      throw r.errorAt(at, "expected a name tag 0x00-0x02, found 0x" + Integer.toHexString(tag));
    }
    int nameAt = r.position();
    String text = r.name("name");
    ExternName name = externName(r, nameAt, text);
    if (tag == 0x02) {
      Set<Integer> seen = new HashSet<>();
      int n = r.count("name attributes", 2);
      for (int i = 0; i < n; i++) {
        int attrAt = r.position();
        int kind = r.u8("attribute kind");
        if (kind > 0x02) {
          throw r.errorAt(
              attrAt, "expected an attribute kind 0x00-0x02, found 0x" + Integer.toHexString(kind));
        }
        if (!seen.add(kind)) {
          throw r.errorAt(attrAt, "attribute kind " + kind + " given more than once");
        }
        int valueAt = r.position();
        String value = r.name("attribute value");
        if (kind == 0x00 && !(externName(r, valueAt, value) instanceof ExternName.Interface)) {
          throw r.errorAt(valueAt, "implements needs an interface name, found '" + value + "'");
        }
      }
    }
    return name;
  }

  private static ExternName externName(ByteReader r, int at, String text)
      throws ComponentFormatException {
    try {
      return ExternName.parse(text);
    } catch (IllegalArgumentException e) {
      throw r.errorAt(at, e.getMessage());
    }
  }
}
