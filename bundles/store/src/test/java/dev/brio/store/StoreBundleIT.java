package dev.brio.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
 * opens {@code <brio.data>/brio.db} and registers SqlState (kernel and component scope), EventLog
 * and SessionLedger; stopping it closes them.
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
      assertNotNull(sqlState);
      ServiceReference<?>[] references =
          context.getAllServiceReferences("dev.brio.api.state.SqlState", null);
      assertEquals(2, references.length, "the kernel's and the components' SqlState");
      ServiceReference<?> kernelRef = sqlStateReference(context, "kernel");
      assertEquals(
          data.resolve("brio.db").toAbsolutePath().toString(),
          kernelRef.getProperty("brio.store.path"));
      Object kernelState = context.getService(kernelRef);
      assertEquals(1, size(query(kernelState, "SELECT count(*) FROM sessions")));
      assertTrue(Files.isRegularFile(data.resolve("brio.db")));

      // What the extender hands a component: its own file, where the kernel's tables do not exist.
      ServiceReference<?> componentRef = sqlStateReference(context, "component");
      assertEquals(
          data.resolve("component-state.db").toAbsolutePath().toString(),
          componentRef.getProperty("brio.store.path"));
      // OSGi's order (ranking, then registration): the reference an unfiltered look-up binds.
      assertEquals(
          componentRef,
          Collections.max(Arrays.asList(references)),
          "an unfiltered look-up gets the component scope, never brio.db");
      Object componentState = context.getService(componentRef);
      assertEquals(1, size(query(componentState, "SELECT count(*) FROM tasks")));
      InvocationTargetException refused =
          assertThrows(
              InvocationTargetException.class, () -> query(componentState, "DELETE FROM sessions"));
      assertTrue(
          refused.getCause().getMessage().contains("no such table: sessions"),
          refused.getCause().getMessage());

      storeBundle.stop();
      assertEquals(null, context.getAllServiceReferences("dev.brio.api.state.SqlState", null));
    } finally {
      felix.stop();
      felix.waitForStop(10_000);
    }
  }

  private static ServiceReference<?> sqlStateReference(BundleContext context, String scope)
      throws Exception {
    ServiceReference<?>[] found =
        context.getAllServiceReferences(
            "dev.brio.api.state.SqlState", "(brio.sql.scope=" + scope + ")");
    assertNotNull(found, "no SqlState with brio.sql.scope=" + scope);
    assertEquals(1, found.length);
    return found[0];
  }

  private static Object query(Object sqlState, String sql) throws Exception {
    return sqlState
        .getClass()
        .getMethod("query", String.class, List.class)
        .invoke(sqlState, sql, List.of());
  }

  private static Object size(Object rows) throws Exception {
    return rows.getClass().getMethod("size").invoke(rows);
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
