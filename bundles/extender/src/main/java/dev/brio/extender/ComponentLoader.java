package dev.brio.extender;

import dev.brio.api.mesh.Caller;
import dev.brio.api.mesh.Mesh;
import dev.brio.api.mesh.MeshTarget;
import dev.brio.api.mesh.TargetSpec;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentFormatException;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.ComponentFunction;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.Engine;
import dev.brio.component.link.LinkException;
import dev.brio.component.link.Linker;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.PrimitiveType;
import dev.brio.extender.DeployException.Reason;
import dev.brio.extender.roles.Role;
import dev.brio.extender.roles.RoleCheck;
import dev.brio.wasi.Wasi;
import dev.brio.wasi.WasiConfig;
import dev.brio.wasi.filesystem.WorkspaceRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns a component's bytes and manifest into mesh targets: parses and validates the component,
 * checks it against its role's world, links each instance with the service mesh (as the component,
 * within its grants), its role's kernel services (session-fs for an agent, sql-state for the
 * supervisor) and WASI (an agent's or tool's only preopen is its workspace), and checks that it
 * exports {@code brio:core/handler#handle} with the handler's type. A tool gets {@code pool}
 * instances, any other role one.
 */
final class ComponentLoader {
  static final String HANDLER = "handler";

  /** {@code handle: func(method: string, args: payload) -> result<payload, string>}. */
  static final FuncType HANDLE =
      new FuncType(
          List.of(
              new FuncType.Param("method", PrimitiveType.STRING),
              new FuncType.Param("args", PayloadValues.TYPE)),
          Optional.of(MeshImport.ANSWER));

  private final Engine engine;
  private final Mesh mesh;
  private final KernelServices services;
  // ends tools' session bindings at their calls' deadlines
  private final Deadlines deadlines = new Deadlines();

  ComponentLoader(Engine engine, Mesh mesh, KernelServices services) {
    this.engine = engine;
    this.mesh = mesh;
    this.services = services;
  }

  /** Stops the deadline thread; call once nothing loaded here runs any more. */
  void shutdown() {
    deadlines.close();
  }

  /** Whether no mesh target is named {@code target} now. */
  boolean targetFree(String target) {
    return !mesh.targets().contains(target);
  }

  /**
   * A component ready to register: its target spec and one mesh target per instance, which the
   * deployer closes once they left the mesh (or never got into it).
   */
  record Loaded(ComponentManifest manifest, TargetSpec spec, List<WasmTarget> targets)
      implements AutoCloseable {
    Loaded {
      targets = List.copyOf(targets);
    }

    List<MeshTarget> instances() {
      return List.copyOf(targets);
    }

    /** Releases every instance's host resources. */
    @Override
    public void close() {
      targets.forEach(WasmTarget::close);
    }
  }

  /**
   * Loads {@code wasm}, the component {@code name} (its file name without {@code .wasm}).
   *
   * @throws DeployException naming the component and what is wrong with it
   */
  Loaded load(String name, byte[] wasm, ComponentManifest manifest) throws DeployException {
    String file = name + ".wasm";
    Component component;
    try {
      component = ComponentParser.parse(wasm);
    } catch (ComponentFormatException e) {
      throw new DeployException(
          Reason.PARSE, file + " is not a valid component: " + e.getMessage());
    }
    List<String> violations = RoleCheck.violations(file, manifest.role(), component.type());
    if (!violations.isEmpty()) {
      throw new DeployException(Reason.ROLE, String.join("; ", violations));
    }
    String handle = handleExport(component) + "#handle";
    var caller = new Caller(manifest.target(), manifest.grants(), manifest.timeout());
    List<WasmTarget> targets = new ArrayList<>(manifest.pool());
    try {
      for (int i = 0; i < manifest.pool(); i++) {
        Slot slot = slot(name, manifest, caller);
        WasmTarget.Instances instances = () -> instantiate(component, slot);
        LiveInstance instance = StartDeadline.create(instances, manifest.timeout(), file);
        // the slot's workspace outlives its instances, not its target: unbound when it is closed
        Runnable unbind = () -> slot.wasi().workspace().ifPresent(WorkspaceRoot::unbind);
        var target =
            new WasmTarget(manifest.target(), handle, instances, instance, slot.scope(), unbind);
        targets.add(target);
        if (i == 0) {
          checkHandle(file, instance.instance(), handle);
        }
      }
    } catch (DeployException | RuntimeException e) {
      // the instances made so far never reach the mesh: release what they opened
      targets.forEach(WasmTarget::close);
      throw e;
    }
    // The fast path: an idle instance runs a call on the caller's thread. Safe for a component:
    // its instance has no thread of its own to keep, and a deadline interrupts it like any call.
    var spec = new TargetSpec(manifest.target(), manifest.timeout(), manifest.mailbox(), true);
    return new Loaded(manifest, spec, targets);
  }

  /**
   * What one instance slot is linked with besides the component, kept for the fresh instances that
   * replace one that trapped: who it calls the mesh as, its WASI grants, its session-fs (agents
   * only) and what is set up around each call.
   */
  private record Slot(
      Role role,
      Supplier<Caller> caller,
      WasiConfig wasi,
      Optional<AgentWorkspace> agent,
      CallScope scope) {}

  /**
   * An agent or tool slot gets a workspace root of its own as its only preopen (see {@link
   * Workspaces}); the supervisor gets no filesystem.
   */
  private Slot slot(String name, ComponentManifest manifest, Caller caller) {
    String target = manifest.target();
    return switch (manifest.role()) {
      case TOOL -> {
        var workspace = new ToolWorkspace(target, services, Workspaces.newRoot(), deadlines);
        yield new Slot(
            Role.TOOL,
            () -> caller,
            WasiConfig.builder(target).workspace(workspace.root()).build(),
            Optional.empty(),
            workspace);
      }
      case AGENT -> {
        var workspace = new AgentWorkspace(services, Workspaces.newRoot(), name);
        yield new Slot(
            Role.AGENT,
            () -> workspace.caller(caller),
            WasiConfig.builder(target).workspace(workspace.root()).build(),
            Optional.of(workspace),
            CallScope.NONE);
      }
      case SUPERVISOR ->
          new Slot(
              Role.SUPERVISOR,
              () -> caller,
              WasiConfig.builder(target).build(),
              Optional.empty(),
              CallScope.NONE);
    };
  }

  /**
   * A fresh instance and its WASI host; the host is closed again if the instance fails to start.
   */
  private LiveInstance instantiate(Component component, Slot slot) throws LinkException {
    var wasi = new Wasi(slot.wasi());
    try {
      return new LiveInstance(link(component, slot, wasi), wasi);
    } catch (LinkException | RuntimeException e) {
      wasi.close();
      throw e;
    }
  }

  private ComponentInstance link(Component component, Slot slot, Wasi wasi) throws LinkException {
    var linker = new Linker(engine);
    MeshImport.defineFor(component, linker, mesh, slot.caller());
    if (slot.agent().isPresent()) {
      SessionFsImport.defineFor(component, linker, slot.agent().get());
    }
    if (slot.role() == Role.SUPERVISOR) {
      SqlStateImport.defineFor(component, linker, services::sqlState);
    }
    wasi.defineFor(component, linker);
    return linker.instantiate(component);
  }

  /** The name of the handler instance the component exports (RoleCheck has seen it is there). */
  private static String handleExport(Component component) {
    return component.type().exportList().stream()
        .map(NamedExtern::name)
        .filter(n -> RoleCheck.isBrio(n, HANDLER))
        .findFirst()
        .orElseThrow()
        .text();
  }

  private static void checkHandle(String file, ComponentInstance instance, String handle)
      throws DeployException {
    Optional<ComponentFunction> function = instance.function(handle);
    if (function.isEmpty()) {
      throw new DeployException(Reason.HANDLER, file + " exports no function " + handle);
    }
    if (!function.get().type().equals(HANDLE)) {
      throw new DeployException(
          Reason.HANDLER,
          "%s: %s has type %s, not %s".formatted(file, handle, function.get().type(), HANDLE));
    }
  }
}
