package dev.brio.extender;

import dev.brio.api.deploy.WasmComponentState;
import dev.brio.api.deploy.WasmComponents;
import dev.brio.api.mesh.Mesh;
import dev.brio.api.mesh.MeshRegistry;
import dev.brio.api.session.SessionFs;
import dev.brio.api.state.EventLog;
import dev.brio.api.state.SqlState;
import dev.brio.component.link.Engine;
import dev.brio.component.link.Execution;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The component extender in Felix: scans the components folder on a virtual thread and keeps the
 * mesh in step with it, reporting to the log and the event log. Stopping it removes every component
 * it deployed.
 */
@Component(
    configurationPid = ExtenderComponent.PID,
    immediate = true,
    service = WasmComponents.class)
@Designate(ocd = ExtenderConfig.class)
public final class ExtenderComponent implements WasmComponents {
  static final String PID = "dev.brio.extender";
  static final String HOME_PROPERTY = "brio.home";
  static final String DATA_PROPERTY = "brio.data";
  private static final Logger LOG = LoggerFactory.getLogger(ExtenderComponent.class);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);

  private final DeployReport report = new DeployReport();
  private final ComponentStates states = new ComponentStates(Clock.systemUTC());
  private final KernelServices services = new KernelServices();
  private final Deployer deployer;
  private final ComponentFolder folder;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final Thread scanner;

  @Activate
  public ExtenderComponent(
      BundleContext context,
      ExtenderConfig config,
      @Reference(name = "mesh") Mesh mesh,
      @Reference(name = "registry") MeshRegistry registry) {
    Engine engine = engine(config, context.getProperty(DATA_PROPERTY));
    this.deployer = new Deployer(engine, mesh, registry, services);
    this.folder =
        new ComponentFolder(
            folderPath(config.folder(), context.getProperty(HOME_PROPERTY)),
            deployer,
            DeployListener.both(report, states));
    long pollMs = Math.max(10, config.pollMs());
    this.scanner = Thread.ofVirtual().name("brio-components").start(() -> scanEvery(pollMs));
    LOG.info("watching {} for components", folder.path());
  }

  /** What became of each component in the folder, for the kernel's status. */
  @Override
  public List<WasmComponentState> components() {
    return states.components();
  }

  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  void setEventLog(EventLog log) {
    report.writeTo(log);
  }

  void unsetEventLog(EventLog log) {
    report.stopWritingTo(log);
  }

  /** Workspace sessions for agents and the tools they call; looked up at each use. */
  @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
  void setSessionFs(SessionFs sessions) {
    services.setSessions(sessions);
  }

  void unsetSessionFs(SessionFs sessions) {
    services.unsetSessions(sessions);
  }

  /**
   * SQL state for the supervisor, taken when a supervisor instance is linked: the components'
   * database, which does not hold the kernel's own tables (sessions, events, components).
   */
  @Reference(
      cardinality = ReferenceCardinality.OPTIONAL,
      policy = ReferencePolicy.DYNAMIC,
      target = SqlState.COMPONENT_TARGET)
  void setSqlState(SqlState state) {
    services.setSqlState(state);
  }

  void unsetSqlState(SqlState state) {
    services.unsetSqlState(state);
  }

  private void scanEvery(long pollMs) {
    try {
      do {
        try {
          folder.scan();
        } catch (IOException | RuntimeException | StackOverflowError | OutOfMemoryError e) {
          // one bad component (or a burst of memory) must not end hot deployment for good
          LOG.warn("cannot scan {}: {}", folder.path(), e.toString());
        }
      } while (!stop.await(pollMs, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Deactivate
  void deactivate() throws InterruptedException {
    stop.countDown();
    scanner.interrupt(); // stops a component's start code that runs away while it is loaded
    if (!scanner.join(STOP_WAIT)) {
      LOG.warn("the components scan did not finish in {}", STOP_WAIT);
    }
    deployer.close();
  }

  /**
   * The kernel's engine: a component answers at once on the interpreter while its code compiles in
   * the background, and compiled code is kept under the data directory, so a restart or a
   * redeployed component of the same bytes does not compile again.
   */
  static Engine engine(ExtenderConfig config, String dataDirectory) {
    if (!config.compiler()) {
      return Engine.builder()
          .execution(Execution.INTERPRETER)
          .maxMemoryPages(memoryPages(config.maxMemoryMiB()))
          .build();
    }
    Engine.Builder engine =
        Engine.builder()
            .execution(Execution.INTERPRETER_THEN_COMPILED)
            .maxMemoryPages(memoryPages(config.maxMemoryMiB()));
    if (config.compiledCacheMiB() > 0) {
      Path data =
          Path.of(dataDirectory == null || dataDirectory.isBlank() ? "data" : dataDirectory);
      engine.compiledCache(
          data.resolve("cache").resolve("compiled"), config.compiledCacheMiB() * 1024 * 1024);
    }
    return engine.build();
  }

  /** MiB as 64 KiB Wasm pages, at least one, at most the 4 GiB a 32-bit memory can address. */
  static int memoryPages(long mebibytes) {
    return Math.clamp(mebibytes * 16, 1, 65_536);
  }

  /** The configured folder, else {@code <brio.home>/components}, else {@code ./components}. */
  static Path folderPath(String configured, String home) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return home == null || home.isBlank() ? Path.of("components") : Path.of(home, "components");
  }
}
