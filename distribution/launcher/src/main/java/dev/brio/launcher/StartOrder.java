package dev.brio.launcher;

import java.util.Comparator;
import java.util.List;

/**
 * The order bundles are installed and started in; the framework stops them in reverse. Logging and
 * SPI Fly come first, or slf4j-api binds the no-op logger for good; then the OSGi service APIs,
 * ConfigAdmin and SCR; then FileInstall, whose first scan of etc/ runs as it starts, so every
 * component finds its configuration at its first activation (and a store configured elsewhere never
 * creates data/brio.db first); then libraries; then Brio's bundles, API first and the kernel last.
 * Bundles FileInstall deploys early are plain DS citizens: their services are picked up whenever
 * the services they meet come up.
 */
final class StartOrder {
  private static final List<String> BRIO_ORDER =
      List.of(
          "dev.brio.api", "dev.brio.component", "dev.brio.store", "dev.brio.mesh", "dev.brio.vfs");

  private StartOrder() {}

  static int rank(String symbolicName) {
    String name = symbolicName == null ? "" : symbolicName;
    if (name.startsWith("org.objectweb.asm")) {
      return 0;
    }
    if (name.equals("org.apache.aries.spifly.dynamic.bundle")) {
      return 1;
    }
    if (name.equals("slf4j.api")) {
      return 2;
    }
    if (name.startsWith("slf4j.")) {
      return 3;
    }
    if (name.startsWith("org.osgi.")) {
      return 4;
    }
    if (name.equals("org.apache.felix.configadmin")) {
      return 5;
    }
    if (name.equals("org.apache.felix.scr")) {
      return 6;
    }
    if (name.equals("org.apache.felix.fileinstall")) {
      return 7;
    }
    if (name.equals("dev.brio.kernel")) {
      return 40; // the kernel uses every other Brio service, so it comes up after them
    }
    if (name.startsWith("dev.brio.")) {
      int known = BRIO_ORDER.indexOf(name);
      return known >= 0 ? 20 + known : 20 + BRIO_ORDER.size();
    }
    return 10; // libraries
  }

  static Comparator<String> comparator() {
    return Comparator.comparingInt(StartOrder::rank)
        .thenComparing(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
  }
}
