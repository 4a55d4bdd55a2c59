package dev.brio.component.link;

import dev.brio.component.binary.Component;
import dev.brio.component.resources.ResourceStore;
import dev.brio.component.types.FuncType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Defines what the host offers to components, by interface and name, and instantiates components
 * against it: {@code linker.define("brio:core/service-mesh", "call", type, fn)}. A function
 * imported at the top level of a component (not inside an interface) is defined with {@link
 * #define(String, FuncType, HostFunction)}.
 */
public final class Linker {
  private final Map<String, Map<String, HostDefinedFunction>> interfaces = new LinkedHashMap<>();
  private final Map<String, Map<String, HostResource>> resources = new LinkedHashMap<>();
  private final Engine engine;

  public Linker() {
    this(Engine.builder().build());
  }

  public Linker(Engine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
  }

  /** Defines function {@code name} of interface {@code iface} (e.g. {@code wasi:cli/run@0.2.0}). */
  public Linker define(String iface, String name, FuncType type, HostFunction function) {
    Objects.requireNonNull(function, "function");
    return define(iface, name, type, (cx, args) -> function.call(args));
  }

  /** Defines a function that works with host resources (it gets a {@link HostContext}). */
  public Linker define(String iface, String name, FuncType type, ContextualHostFunction function) {
    Objects.requireNonNull(iface, "iface");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(function, "function");
    String full = iface.isEmpty() ? name : iface + "#" + name;
    interfaces
        .computeIfAbsent(iface, k -> new LinkedHashMap<>())
        .put(name, new HostDefinedFunction(full, type, function));
    return this;
  }

  /** Defines a function a component imports by plain name, outside any interface. */
  public Linker define(String name, FuncType type, HostFunction function) {
    return define("", name, type, function);
  }

  /**
   * Defines resource type {@code name} of interface {@code iface}, implemented by the host; the
   * destructor gets the representation when a component drops the last owned handle.
   */
  public HostResource defineResource(
      String iface, String name, ResourceStore.Destructor destructor) {
    HostResource r = new HostResource(iface, name, destructor);
    resources.computeIfAbsent(iface, k -> new LinkedHashMap<>()).put(name, r);
    return r;
  }

  /**
   * Defines every function and resource type {@code component} imports that is not defined yet:
   * such a function traps when called, with a message naming it (as wasmtime's {@code
   * define_unknown_imports_as_traps}). For components that import interfaces a call never uses.
   */
  public Linker defineUnknownImportsAsTraps(Component component) {
    UnknownImports.defineAsTraps(this, Objects.requireNonNull(component, "component"));
    return this;
  }

  Optional<HostResource> resource(String iface, String name) {
    return Optional.ofNullable(resources.getOrDefault(iface, Map.of()).get(name));
  }

  Optional<HostDefinedFunction> function(String iface, String name) {
    return Optional.ofNullable(interfaces.getOrDefault(iface, Map.of()).get(name));
  }

  public Engine engine() {
    return engine;
  }

  /**
   * Instantiates a component: every import is resolved against this linker, then the component's
   * definitions run in order (core modules instantiated, functions lifted and lowered).
   *
   * @throws LinkException if an import is missing or has another type, or a core module does not
   *     link
   */
  public ComponentInstance instantiate(Component component) throws LinkException {
    return new Instantiator(this).instantiateRoot(component);
  }
}
