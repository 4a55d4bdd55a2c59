package dev.brio.extender;

import dev.brio.api.mesh.Mesh;
import dev.brio.api.mesh.MeshRegistry;
import dev.brio.component.link.Engine;
import dev.brio.extender.DeployException.Reason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the mesh in step with the components on disk, by component name: deploying a name loads the
 * new version, then removes the old one (its running calls finish, its waiting ones fail with
 * target gone) and registers the new one. A version that does not load leaves the name undeployed,
 * since what is on disk is what should run, and says why.
 */
public final class Deployer implements AutoCloseable {
  private final ComponentLoader loader;
  private final MeshRegistry registry;
  private final Map<String, Deployed> deployed = new HashMap<>(); // guarded by this
  private volatile boolean closed;

  /** A deployed component: its target, its registration in the mesh and its loaded instances. */
  record Deployed(
      String name,
      ComponentManifest manifest,
      MeshRegistry.Registration registration,
      ComponentLoader.Loaded loaded) {}

  /**
   * Deploys into {@code registry}; components run on {@code engine} and call out through {@code
   * mesh}.
   */
  public Deployer(Engine engine, Mesh mesh, MeshRegistry registry) {
    this(engine, mesh, registry, new KernelServices());
  }

  /**
   * Deploys into {@code registry}; components run on {@code engine}, call out through {@code mesh}
   * and reach the kernel services of their role in {@code services}.
   */
  public Deployer(Engine engine, Mesh mesh, MeshRegistry registry, KernelServices services) {
    this(new ComponentLoader(engine, mesh, services), registry);
  }

  Deployer(ComponentLoader loader, MeshRegistry registry) {
    this.loader = loader;
    this.registry = registry;
  }

  /**
   * Deploys (or replaces) component {@code name}.
   *
   * @throws DeployException if the component does not load or its target name is taken; the name is
   *     then undeployed
   */
  public synchronized void deploy(String name, byte[] wasm, ComponentManifest manifest)
      throws DeployException {
    if (closed) {
      throw new DeployException(
          Reason.STOPPED, name + ".wasm not deployed: the extender is stopping");
    }
    ComponentLoader.Loaded loaded;
    try {
      loaded = loader.load(name, wasm, manifest);
    } catch (DeployException e) {
      undeploy(name);
      throw e;
    }
    if (closed) {
      loaded.close();
      undeploy(name);
      throw new DeployException(
          Reason.STOPPED, name + ".wasm not deployed: the extender is stopping");
    }
    // A new version takes the old one's place in one step: were the name free in between, a Java
    // service waiting for it would take it.
    Deployed previous = deployed.remove(name);
    MeshRegistry.Registration registration;
    try {
      registration =
          previous == null
              ? registry.register(loaded.spec(), loaded.instances())
              : previous.registration().replace(loaded.spec(), loaded.instances());
    } catch (IllegalStateException e) {
      loaded.close();
      if (previous != null) {
        previous.registration().close();
        previous.loaded().close();
      }
      throw new DeployException(
          Reason.CONFLICT,
          "%s.wasm cannot serve target %s: %s".formatted(name, manifest.target(), e.getMessage()),
          e);
    }
    if (previous != null) {
      previous.loaded().close(); // the mesh no longer calls the old instances
    }
    deployed.put(name, new Deployed(name, manifest, registration, loaded));
  }

  /** Whether no mesh target, Wasm or Java, is named {@code target} now. */
  boolean targetFree(String target) {
    return loader.targetFree(target);
  }

  /** Removes component {@code name} from the mesh, if it is deployed; true if it was. */
  public synchronized boolean undeploy(String name) {
    Deployed gone = deployed.remove(name);
    if (gone == null) {
      return false;
    }
    gone.registration().close();
    // the mesh no longer calls its instances: release what they hold (files, HTTP exchanges)
    gone.loaded().close();
    return true;
  }

  /** The target component {@code name} serves, or null if it is not deployed. */
  synchronized String target(String name) {
    Deployed current = deployed.get(name);
    return current == null ? null : current.manifest().target();
  }

  public synchronized List<String> names() {
    return deployed.keySet().stream().sorted().toList();
  }

  /** Removes every deployed component; nothing is deployed after this. */
  @Override
  public void close() {
    closed =
        true; // before the monitor: a deploy in progress is not waited for to refuse later ones
    synchronized (this) {
      for (String name : names()) {
        undeploy(name);
      }
      loader.shutdown();
    }
  }
}
