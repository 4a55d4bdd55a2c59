package dev.brio.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The packaged bundle in a real Felix with SCR: its imports resolve, the DS component activates,
 * opens {@code <brio.data>/brio.db} and registers SqlState, EventLog and SessionLedger; stopping it
 * closes them.
 */
class StoreBundleIT {

  @TempDir Path dir;

  @Test
  void bundleResolvesActivatesAndRegistersItsServices() throws Exception {
    Path data = dir.resolve("data");
    Framework felix =
        new FrameworkFactory()
            .newFramework(
                Map.of(
                    Constants.FRAMEWORK_STORAGE,
                    dir.resolve("felix-cache").toString(),
                    Constants.FRAMEWORK_STORAGE_CLEAN,
                    Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                    "brio.data",
                    data.toString()));
    felix.start();
    try {
      BundleContext context = felix.getBundleContext();
      List<Bundle> bundles = new ArrayList<>();
      for (String jar :
          List.of(
              "org.osgi.util.function-",
              "org.osgi.util.promise-",
              "org.osgi.service.component-1",
              "org.apache.felix.scr-",
              "sqlite-jdbc-",
              "brio-api-")) {
        bundles.add(context.installBundle(classpathJar(jar).toUri().toString()));
      }
      Path store = Path.of(System.getProperty("brio.store.bundle"));
      bundles.add(context.installBundle(store.toUri().toString()));
      for (Bundle bundle : bundles) {
        bundle.start();
      }
      Bundle storeBundle = bundles.getLast();
      assertEquals("dev.brio.store", storeBundle.getSymbolicName());
      assertEquals(Bundle.ACTIVE, storeBundle.getState());

      // The service interfaces live in the bundles' class loaders, not the test's: use names.
      Object sqlState = awaitService(context, "dev.brio.api.state.SqlState");
      assertNotNull(awaitService(context, "dev.brio.api.state.EventLog"));
      Object ledger = awaitService(context, "dev.brio.api.session.SessionLedger");
      assertEquals(
          List.of(),
          ledger.getClass().getMethod("records").invoke(ledger),
          "a fresh brio.db records no sessions");
      ServiceReference<?> reference =
          context.getAllServiceReferences("dev.brio.api.state.SqlState", null)[0];
      assertEquals(
          data.resolve("brio.db").toAbsolutePath().toString(),
          reference.getProperty("brio.store.path"));
      Object rows =
          sqlState
              .getClass()
              .getMethod("query", String.class, List.class)
              .invoke(sqlState, "SELECT count(*) FROM tasks", List.of());
      assertEquals(1, rows.getClass().getMethod("size").invoke(rows));
      assertTrue(Files.isRegularFile(data.resolve("brio.db")));

      storeBundle.stop();
      assertEquals(null, context.getAllServiceReferences("dev.brio.api.state.SqlState", null));
    } finally {
      felix.stop();
      felix.waitForStop(10_000);
    }
  }

  private static Object awaitService(BundleContext context, String name) throws Exception {
    ServiceTracker<Object, Object> tracker =
        new ServiceTracker<>(context, context.createFilter("(objectClass=" + name + ")"), null);
    tracker.open(true);
    try {
      Object service = tracker.waitForService(10_000);
      assertNotNull(service, name + " was not registered");
      return service;
    } finally {
      tracker.close();
    }
  }

  private static Path classpathJar(String namePrefix) {
    return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(Path::of)
        .filter(path -> path.getFileName().toString().startsWith(namePrefix))
        .filter(path -> path.toString().endsWith(".jar"))
        .findFirst()
        .orElseThrow(() -> new AssertionError(namePrefix + "*.jar is not on the test classpath"));
  }
}
