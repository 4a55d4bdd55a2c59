package dev.brio.launcher;

import java.nio.file.Path;

/**
 * The layout of an installed kernel: {@code lib/} (this launcher and Felix), {@code bundle/}
 * (infrastructure and Brio bundles, started in order), {@code deploy/} (Java bundles, hot), {@code
 * components/} (Wasm components, hot), {@code etc/} (configuration), {@code data/} (state).
 */
record BrioHome(Path root, Path data) {

  static final String HOME_PROPERTY = "brio.home";
  static final String HOME_ENV = "BRIO_HOME";

  BrioHome {
    root = root.toAbsolutePath().normalize();
    data = data.toAbsolutePath().normalize();
  }

  BrioHome(Path root) {
    this(root, root.resolve("data"));
  }

  /** The home bin/brio passes as a system property, else BRIO_HOME, else the working directory. */
  static BrioHome locate() {
    String property = System.getProperty(HOME_PROPERTY);
    if (property != null && !property.isBlank()) {
      return new BrioHome(Path.of(property));
    }
    String env = System.getenv(HOME_ENV);
    return new BrioHome(Path.of(env != null && !env.isBlank() ? env : "."));
  }

  BrioHome withData(Path dataDir) {
    return new BrioHome(root, dataDir);
  }

  Path lib() {
    return root.resolve("lib");
  }

  Path shellBundles() {
    return lib().resolve("shell");
  }

  Path bundles() {
    return root.resolve("bundle");
  }

  Path deploy() {
    return root.resolve("deploy");
  }

  Path components() {
    return root.resolve("components");
  }

  Path etc() {
    return root.resolve("etc");
  }

  Path controlSocket() {
    return ControlSocket.forData(data);
  }
}
