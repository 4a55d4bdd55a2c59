package dev.brio.component.link;

import com.dylibso.chicory.runtime.ByteBufferMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.runtime.ImportFunction;
import com.dylibso.chicory.runtime.ImportGlobal;
import com.dylibso.chicory.runtime.ImportMemory;
import com.dylibso.chicory.runtime.ImportTable;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Memory;
import com.dylibso.chicory.runtime.TableInstance;
import com.dylibso.chicory.runtime.TrapException;
import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.Export;
import com.dylibso.chicory.wasm.types.Import;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import dev.brio.component.abi.FlatTypes;
import dev.brio.component.abi.Trap;
import dev.brio.component.binary.ByteSlice;
import dev.brio.component.binary.CanonOptions;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.Definition;
import dev.brio.component.binary.Sort;
import dev.brio.component.resources.ResourceStore;
import dev.brio.component.types.CoreFuncType;
import dev.brio.component.types.DefinedType;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.ResourceType;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Replays a component's definitions in binary order against live objects: each sort's index space
 * maps indices to Chicory modules, instances, functions, memories, tables and globals, component
 * functions, instances (export maps), types and nested components.
 */
final class Instantiator {
  private final Linker linker;
  private final ResourceStore store = new ResourceStore();

  Instantiator(Linker linker) {
    this.linker = linker;
  }

  /** A nested component definition with the frame it was defined in (for outer aliases). */
  private record NestedRef(Component component, Frame definedIn) {}

  /** The index spaces of one component being instantiated. */
  private static final class Frame {
    final Frame parent;
    final GuestInstance instance;
    final InstanceResources resources;
    final Map<Sort, Map<Integer, Object>> spaces = new EnumMap<>(Sort.class);

    Frame(Frame parent, GuestInstance instance) {
      this.parent = parent;
      this.instance = instance;
      this.resources = new InstanceResources(parent == null ? null : parent.resources);
    }

    Map<Integer, Object> space(Sort sort) {
      return spaces.computeIfAbsent(sort, s -> new HashMap<>());
    }

    void put(Sort sort, int index, Object value) {
      space(sort).put(index, value);
    }

    <T> T get(Sort sort, int index, Class<T> kind) throws LinkException {
      Object o = space(sort).get(index);
      if (!kind.isInstance(o)) {
        throw new LinkException(
            instance.name()
                + ": "
                + sort
                + " "
                + index
                + " is "
                + (o == null ? "not defined" : "a " + o.getClass().getSimpleName())
                + " where a "
                + kind.getSimpleName()
                + " is needed");
      }
      return kind.cast(o);
    }
  }

  /** The root instantiation: imports come from the linker. */
  ComponentInstance instantiateRoot(Component component) throws LinkException {
    GuestInstance root = new GuestInstance("component", store, null);
    Map<String, Object> exports = run(component, new Frame(null, root), null);
    return new ComponentInstance(exports, store);
  }

  /**
   * Runs the definitions; {@code args} supplies the imports of a nested component (null: the linker
   * supplies them).
   */
  private Map<String, Object> run(Component component, Frame f, Map<String, Object> args)
      throws LinkException {
    Map<String, Object> exports = new LinkedHashMap<>();
    for (Definition d : component.definitions()) {
      try {
        define(d, f, args, exports);
      } catch (ChicoryException e) {
        throw new LinkException(f.instance.name() + ": " + d + ": " + e.getMessage(), e);
      }
    }
    return exports;
  }

  private void define(Definition d, Frame f, Map<String, Object> args, Map<String, Object> exports)
      throws LinkException {
    switch (d) {
      case Definition.CoreModule m -> f.put(Sort.CORE_MODULE, m.index(), m.bytes());
      case Definition.CoreInstantiate ci -> {
        Map<String, Map<String, Object>> imports = new HashMap<>();
        for (Definition.CoreInstantiateArg a : ci.args()) {
          imports.put(a.name(), coreInstance(f, a.instance()));
        }
        ByteSlice bytes = f.get(Sort.CORE_MODULE, ci.module(), ByteSlice.class);
        Engine.CoreModule module;
        try {
          module = linker.engine().module(bytes);
        } catch (RuntimeException | AssertionError e) {
          // Chicory reports some malformed modules with exceptions other than its own (and, with
          // assertions enabled, with failed assertions)
          throw new LinkException(
              f.instance.name() + ": core module " + ci.module() + " is invalid: " + e, e);
        }
        f.put(Sort.CORE_INSTANCE, ci.index(), instantiateCore(f, ci.module(), module, imports));
        if (module.warmSet() != null) {
          f.instance.afterFirstCall(module.warmSet()::firstCallDone);
        }
      }
      case Definition.CoreInlineInstance ci -> {
        Map<String, Object> exps = new LinkedHashMap<>();
        for (Definition.CoreInlineExport e : ci.exports()) {
          exps.put(e.name(), f.get(e.sort(), e.index(), Object.class));
        }
        f.put(Sort.CORE_INSTANCE, ci.index(), exps);
      }
      case Definition.CoreExportAlias a -> {
        Object o = coreInstance(f, a.coreInstance()).get(a.name());
        if (o == null) {
          throw new LinkException(
              f.instance.name()
                  + ": core instance "
                  + a.coreInstance()
                  + " has no export "
                  + a.name());
        }
        f.put(a.sort(), a.index(), o);
      }
      case Definition.CoreTypeDefinition t -> f.put(Sort.CORE_TYPE, t.index(), t.type());
      case Definition.NestedComponent n ->
          f.put(Sort.COMPONENT, n.index(), new NestedRef(n.component(), f));
      case Definition.Instantiate in -> {
        NestedRef ref = f.get(Sort.COMPONENT, in.component(), NestedRef.class);
        Map<String, Object> nestedArgs = new HashMap<>();
        for (Definition.InstantiateArg a : in.args()) {
          nestedArgs.put(a.name(), f.get(a.sort(), a.index(), Object.class));
        }
        GuestInstance child =
            new GuestInstance(f.instance.name() + "/instance " + in.index(), store, f.instance);
        Map<String, Object> instanceExports =
            run(ref.component(), new Frame(ref.definedIn(), child), nestedArgs);
        // this instantiation's resource types stand for the ones its instance type declares
        f.resources.bindExports(in.type(), instanceExports);
        f.put(Sort.INSTANCE, in.index(), instanceExports);
      }
      case Definition.InlineInstance ii -> {
        Map<String, Object> exps = new LinkedHashMap<>();
        for (Definition.InlineExport e : ii.exports()) {
          Object value = f.get(e.sort(), e.index(), Object.class);
          if (value instanceof LiftedFunction lifted) {
            lifted.exportedAs(e.name().text());
          }
          exps.put(e.name().text(), value);
        }
        f.put(Sort.INSTANCE, ii.index(), exps);
      }
      case Definition.ExportAlias a -> {
        Map<?, ?> inst = f.get(Sort.INSTANCE, a.instance(), Map.class);
        Object o = inst.get(a.name());
        if (o == null) {
          throw new LinkException(
              f.instance.name() + ": instance " + a.instance() + " has no export " + a.name());
        }
        f.put(a.sort(), a.index(), o);
      }
      case Definition.OuterAlias a -> {
        Frame outer = f;
        for (int i = 0; i < a.count(); i++) {
          outer = outer.parent;
        }
        f.put(a.sort(), a.index(), outer.get(a.sort(), a.outerIndex(), Object.class));
      }
      case Definition.TypeDefinition t -> {
        if (t.type() instanceof ResourceType defined && defined.isDefined()) {
          // a new type for each instantiation of the component that defines it
          ResourceType rt =
              defined.instantiate(
                  defined.hint() + " (type " + t.index() + " of " + f.instance.name() + ")");
          f.resources.bind(defined, rt);
          f.put(Sort.TYPE, t.index(), rt);
          CoreFunc dtor =
              rt.destructor().isPresent()
                  ? f.get(Sort.CORE_FUNC, rt.destructor().getAsInt(), CoreFunc.class)
                  : null;
          store.implement(
              rt,
              f.instance,
              dtor == null
                  ? null
                  : rep -> Guest.call(dtor, new long[] {rep}, rt.hint() + " destructor"));
        } else {
          f.put(Sort.TYPE, t.index(), t.type());
        }
      }
      case Definition.CanonLift l -> {
        CoreFunc core = f.get(Sort.CORE_FUNC, l.coreFunc(), CoreFunc.class);
        CoreFuncType sig = FlatTypes.functype(l.type(), true);
        if (!core.type().equals(ChicoryTypes.of(sig))) {
          throw new LinkException(
              core.name()
                  + ": core type "
                  + core.type()
                  + " does not match the lift's "
                  + ChicoryTypes.of(sig));
        }
        f.put(
            Sort.FUNC,
            l.index(),
            new LiftedFunction(
                core.name(),
                f.instance,
                core,
                options(f, l.options()),
                f.resources.rewrite(l.type())));
      }
      case Definition.CanonLower l -> {
        ComponentFunction target = f.get(Sort.FUNC, l.func(), ComponentFunction.class);
        f.put(
            Sort.CORE_FUNC, l.index(), Lowering.lower(target, f.instance, options(f, l.options())));
      }
      case Definition.ResourceNew r ->
          f.put(
              Sort.CORE_FUNC,
              r.index(),
              ResourceBuiltins.resourceNew(f.instance, f.resources.resolve(r.resource())));
      case Definition.ResourceRep r ->
          f.put(
              Sort.CORE_FUNC,
              r.index(),
              ResourceBuiltins.resourceRep(f.instance, f.resources.resolve(r.resource())));
      case Definition.ResourceDrop r ->
          f.put(
              Sort.CORE_FUNC,
              r.index(),
              ResourceBuiltins.resourceDrop(f.instance, f.resources.resolve(r.resource())));
      case Definition.Import i -> {
        Object value = args == null ? fromLinker(i, f) : fromArgs(i, args, f);
        f.put(sortOf(i.type()), i.index(), value);
      }
      case Definition.Export e -> {
        Object value = f.get(e.sort(), e.source(), Object.class);
        if (e.type() instanceof ExternType.Type(ResourceType ascribed)
            && value instanceof ResourceType actual) {
          f.resources.bind(ascribed, actual);
        }
        if (value instanceof LiftedFunction lifted) {
          lifted.exportedAs(e.name().text());
        }
        exports.put(e.name().text(), value);
        f.put(e.sort(), e.index(), value);
      }
    }
  }

  private static Map<String, Object> coreInstance(Frame f, int index) throws LinkException {
    @SuppressWarnings("unchecked")
    Map<String, Object> m = f.get(Sort.CORE_INSTANCE, index, Map.class);
    return m;
  }

  private CanonOptionsResolved options(Frame f, CanonOptions o) throws LinkException {
    Memory memory =
        o.memory().isPresent()
            ? f.get(Sort.CORE_MEMORY, o.memory().getAsInt(), Memory.class)
            : null;
    CoreFunc realloc =
        o.realloc().isPresent()
            ? f.get(Sort.CORE_FUNC, o.realloc().getAsInt(), CoreFunc.class)
            : null;
    CoreFunc postReturn =
        o.postReturn().isPresent()
            ? f.get(Sort.CORE_FUNC, o.postReturn().getAsInt(), CoreFunc.class)
            : null;
    return new CanonOptionsResolved(o.stringEncoding(), memory, realloc, postReturn);
  }

  /** Instantiates a core module with Chicory; its exports become a name to core-object map. */
  private Map<String, Object> instantiateCore(
      Frame f, int moduleIndex, Engine.CoreModule core, Map<String, Map<String, Object>> args)
      throws LinkException {
    WasmModule module = core.module();
    ImportValues.Builder iv = ImportValues.builder();
    for (Import imp : module.importSection().stream().toList()) {
      Map<String, Object> from = args.get(imp.module());
      Object o = from == null ? null : from.get(imp.name());
      String what =
          f.instance.name()
              + ": core module "
              + moduleIndex
              + " import "
              + imp.module()
              + "."
              + imp.name();
      switch (imp.importType()) {
        case FUNCTION -> {
          if (!(o instanceof CoreFunc fn)) {
            throw new LinkException(what + ": no core function supplied");
          }
          iv.addFunction(
              new ImportFunction(imp.module(), imp.name(), fn.type(), (inst, a) -> fn.call(a)));
        }
        case MEMORY -> {
          if (!(o instanceof Memory m)) {
            throw new LinkException(what + ": no memory supplied");
          }
          iv.addMemory(new ImportMemory(imp.module(), imp.name(), m));
        }
        case TABLE -> {
          if (!(o instanceof TableInstance t)) {
            throw new LinkException(what + ": no table supplied");
          }
          iv.addTable(new ImportTable(imp.module(), imp.name(), t));
        }
        case GLOBAL -> {
          if (!(o instanceof GlobalInstance g)) {
            throw new LinkException(what + ": no global supplied");
          }
          iv.addGlobal(new ImportGlobal(imp.module(), imp.name(), g));
        }
        default -> throw new LinkException(what + ": unsupported import kind " + imp.importType());
      }
    }
    // withStart(false): Chicory would otherwise also call an export named _start, which in a
    // component is a command's main (run later through wasi:cli/run); the start section still runs
    Instance.Builder b = Instance.builder(module).withImportValues(iv.build()).withStart(false);
    if (core.machines() != null) {
      b.withMachineFactory(core.machines());
    }
    if (linker.engine().maxMemoryPages().isPresent()) {
      int cap = linker.engine().maxMemoryPages().getAsInt();
      b.withMemoryFactory(
          limits ->
              new ByteBufferMemory(
                  new MemoryLimits(
                      Math.min(limits.initialPages(), cap), Math.min(limits.maximumPages(), cap))));
    }
    Instance instance;
    try {
      instance = b.build();
    } catch (TrapException e) {
      throw new Trap(
          f.instance.name()
              + ": core module "
              + moduleIndex
              + " trapped while starting: "
              + e.getMessage(),
          e);
    } catch (StackOverflowError e) {
      throw new Trap(
          f.instance.name()
              + ": core module "
              + moduleIndex
              + " exhausted the stack while starting (unbounded recursion)",
          e);
    } catch (RuntimeException | AssertionError e) {
      throw new LinkException(
          f.instance.name() + ": core module " + moduleIndex + " does not instantiate: " + e, e);
    }
    Map<String, Object> exports = new LinkedHashMap<>();
    var section = module.exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      Export e = section.getExport(i);
      String name = e.name();
      Object value =
          switch (e.exportType()) {
            case FUNCTION -> {
              ExportFunction fn = instance.export(name);
              yield new CoreFunc(name, instance.exportType(name), fn::apply);
            }
            case MEMORY -> instance.exports().memory(name);
            case TABLE -> instance.exports().table(name);
            case GLOBAL -> instance.exports().global(name);
            default -> null;
          };
      if (value != null) {
        exports.put(name, value);
      }
    }
    return exports;
  }

  /** An import of the root component, from the linker. */
  private Object fromLinker(Definition.Import i, Frame f) throws LinkException {
    String name = i.name().text();
    switch (i.type()) {
      case ExternType.Instance(InstanceType it) -> {
        Map<String, Object> exps = new LinkedHashMap<>();
        // resource types first: the functions' types mention them
        for (NamedExtern e : it.exportList()) {
          if (e.type() instanceof ExternType.Type(DefinedType t)) {
            exps.put(e.name().text(), hostType(name, e.name().text(), t, f));
          }
        }
        for (NamedExtern e : it.exportList()) {
          String member = e.name().text();
          switch (e.type()) {
            case ExternType.Func(FuncType ft) -> exps.put(member, hostFunction(name, member, ft));
            case ExternType.Type t -> {}
            default ->
                throw new LinkException(
                    "unsupported import " + name + "#" + member + ": " + e.type().sortName());
          }
        }
        return exps;
      }
      case ExternType.Func(FuncType ft) -> {
        return hostFunction("", name, ft);
      }
      case ExternType.Type(DefinedType t) -> {
        return hostType("", name, t, f);
      }
      default ->
          throw new LinkException("unsupported import " + name + ": " + TypeText.of(i.type()));
    }
  }

  /** A type import: an abstract resource is bound to the host resource of that name. */
  private DefinedType hostType(String iface, String member, DefinedType t, Frame f)
      throws LinkException {
    if (!(t instanceof ResourceType rt) || !rt.isFresh()) {
      return t;
    }
    if (store.canonical(rt) != rt) {
      // (eq T) of a type an earlier import declared (wasi:io/streams's error is wasi:io/error's):
      // already bound to the host resource defined for that import
      return store.canonical(rt);
    }
    String full = iface.isEmpty() ? member : iface + "#" + member;
    HostResource r =
        linker
            .resource(iface, member)
            .orElseThrow(() -> new LinkException("missing import " + full + ": resource"));
    // bound in the store too: host functions keep the types the component imports them at
    store.bind(rt, r.type());
    f.resources.bind(rt, r.type());
    store.implement(r.type(), HOST, r.destructor());
    return r.type();
  }

  /** Marks resource types the host implements. */
  private static final Object HOST = "host";

  private ComponentFunction hostFunction(String iface, String member, FuncType ft)
      throws LinkException {
    String full = iface.isEmpty() ? member : iface + "#" + member;
    HostDefinedFunction fn =
        linker
            .function(iface, member)
            .orElseThrow(
                () -> new LinkException("missing import " + full + ": " + TypeText.of(ft)));
    if (!TypeEquality.equal(fn.type(), ft, store)) {
      throw new LinkException(
          "import "
              + full
              + " has type "
              + TypeText.of(ft)
              + " but the host defines "
              + TypeText.of(fn.type()));
    }
    return fn.in(store);
  }

  /** An import of a nested component, from its instantiation's arguments. */
  private Object fromArgs(Definition.Import i, Map<String, Object> args, Frame f)
      throws LinkException {
    Object value = args.get(i.name().text());
    if (value == null) {
      throw new LinkException(
          f.instance.name() + ": missing import " + i.name().text() + ": " + TypeText.of(i.type()));
    }
    if (i.type() instanceof ExternType.Type(ResourceType rt)
        && value instanceof ResourceType actual) {
      f.resources.bind(rt, actual);
    }
    if (i.type() instanceof ExternType.Instance(InstanceType it) && value instanceof Map<?, ?> m) {
      f.resources.bindExports(it, m);
    }
    return value;
  }

  private static Sort sortOf(ExternType t) {
    return switch (t) {
      case ExternType.CoreModule m -> Sort.CORE_MODULE;
      case ExternType.Func fn -> Sort.FUNC;
      case ExternType.Value v -> Sort.VALUE;
      case ExternType.Type ty -> Sort.TYPE;
      case ExternType.Component c -> Sort.COMPONENT;
      case ExternType.Instance in -> Sort.INSTANCE;
    };
  }
}
