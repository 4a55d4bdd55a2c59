package dev.brio.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A running Felix framework with Brio's bundles: installs every jar in {@code bundle/} (and the
 * Gogo shell from {@code lib/shell/} when asked), starts them in {@link StartOrder}, and reports
 * each bundle that does not start with the requirement that kept it from resolving.
 */
final class Kernel implements AutoCloseable {
  private static final long STOP_TIMEOUT_MS = 30_000;

  private final Framework framework;
  private final List<String> failures;
  private final DataLock dataLock;

  private Kernel(Framework framework, List<String> failures, DataLock dataLock) {
    this.framework = framework;
    this.failures = List.copyOf(failures);
    this.dataLock = dataLock;
  }

  /**
   * Starts the kernel.
   *
   * @throws DataLock.HeldException if another kernel runs with the same data directory
   */
  static Kernel start(BrioHome home, boolean shell, PrintStream err)
      throws IOException, BundleException {
    DataLock dataLock = DataLock.acquire(home.data());
    try {
      return start(home, shell, err, dataLock);
    } catch (IOException | BundleException | RuntimeException e) {
      dataLock.close();
      throw e;
    }
  }

  private static Kernel start(BrioHome home, boolean shell, PrintStream err, DataLock dataLock)
      throws IOException, BundleException {
    for (Path dir : List.of(home.data(), home.deploy(), home.components())) {
      Files.createDirectories(dir);
    }
    FrameworkFactory factory =
        ServiceLoader.load(FrameworkFactory.class)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no OSGi framework on the class path"));
    Framework framework = factory.newFramework(FrameworkSettings.of(home));
    framework.init();

    List<Path> jars = new ArrayList<>(jarsIn(home.bundles()));
    if (shell) {
      jars.addAll(jarsIn(home.shellBundles()));
    }
    // Installed in start order, so that bundle ids follow it and the framework, which stops
    // bundles of one start level in reverse id order, stops them in reverse start order.
    jars.sort(Comparator.comparing(Kernel::symbolicName, StartOrder.comparator()));
    List<Bundle> installed = new ArrayList<>();
    for (Path jar : jars) {
      installed.add(framework.getBundleContext().installBundle(jar.toUri().toString()));
    }
    framework.start();

    List<String> failures = new ArrayList<>();
    for (Bundle bundle : installed) {
      if (bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null) {
        continue; // fragments attach to their host and are never started
      }
      try {
        bundle.start();
      } catch (BundleException e) {
        String line =
            "bundle %s %s did not start: %s"
                .formatted(
                    bundle.getSymbolicName(),
                    bundle.getVersion(),
                    e.getMessage().replaceAll("\\s*\\R\\s*", " "));
        failures.add(line);
        err.println("brio: " + line);
      }
    }
    return new Kernel(framework, failures, dataLock);
  }

  /** The jar's Bundle-SymbolicName without its directives, or null when it has none. */
  private static String symbolicName(Path jar) {
    try (var file = new JarFile(jar.toFile())) {
      Manifest manifest = file.getManifest();
      String name =
          manifest == null
              ? null
              : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
      return name == null ? null : name.split(";", 2)[0].strip();
    } catch (IOException e) {
      return null; // installBundle reports the broken jar
    }
  }

  private static List<Path> jarsIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    }
  }

  /** One line per bundle that failed to start, with its unresolved requirement. */
  List<String> failures() {
    return failures;
  }

  /** Blocks until the framework stops, by {@link #close}, {@code brio stop} or a signal. */
  void awaitStop() throws InterruptedException {
    FrameworkEvent event;
    do {
      event = framework.waitForStop(0);
    } while (event.getType() == FrameworkEvent.STOPPED_UPDATE);
  }

  boolean running() {
    return (framework.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0;
  }

  /** Stops every bundle in reverse start order and waits for the framework to be down. */
  @Override
  public void close() throws BundleException {
    framework.stop();
    try {
      framework.waitForStop(STOP_TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the stop goes on in Felix's own thread
    }
    releaseDataLock();
  }

  /** Frees the data directory for the next kernel; called once the framework is down. */
  void releaseDataLock() {
    try {
      dataLock.close();
    } catch (IOException e) {
      System.err.println("brio: cannot release " + DataLock.FILE + ": " + e.getMessage());
    }
  }
}
