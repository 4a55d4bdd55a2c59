package dev.brio.kernel;

import java.nio.file.Path;
import org.osgi.framework.BundleContext;

/** Where the kernel keeps its state: the framework property {@code brio.data}, else ./data. */
final class DataDirectory {
  static final String PROPERTY = "brio.data";

  private DataDirectory() {}

  static Path of(BundleContext context) {
    String configured = context.getProperty(PROPERTY);
    return Path.of(configured == null || configured.isBlank() ? "data" : configured)
        .toAbsolutePath()
        .normalize();
  }
}
