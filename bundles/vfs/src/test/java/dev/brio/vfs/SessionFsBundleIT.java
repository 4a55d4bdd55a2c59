package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.brio.api.session.SessionFs;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The bundle in a real Felix with SCR, ConfigAdmin, JGit and the store bundle (which publishes the
 * SessionLedger on {@code <brio.data>/brio.db}): it resolves, the component activates with its
 * configuration once the ledger is there, recovers an interrupted commit recorded in that same
 * database before it serves, and serves sessions. The API packages come from the class path
 * (exported by the system bundle) so this test can call the service directly.
 */
class SessionFsBundleIT {

  @TempDir Path temp;

  @Test
  void activatesInFelixRecoversThenServesSessions() throws Exception {
    Fixture f = new Fixture(temp);
    String interrupted = leaveAJournaledCommitBehind(f);

    Framework framework =
        ServiceLoader.load(FrameworkFactory.class)
            .findFirst()
            .orElseThrow()
            .newFramework(
                Map.of(
                    Constants.FRAMEWORK_STORAGE,
                    temp.resolve("felix-cache").toString(),
                    Constants.FRAMEWORK_STORAGE_CLEAN,
                    Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT,
                    Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA,
                    "dev.brio.api.session;version=\"0.1.0\",dev.brio.api.state;version=\"0.1.0\"",
                    "brio.data",
                    f.database.getParent().toString()));
    framework.start();
    try {
      BundleContext context = framework.getBundleContext();
      List<Bundle> bundles = new ArrayList<>();
      for (String jar : System.getProperty("brio.it.bundles").split(",")) {
        bundles.add(context.installBundle(Path.of(jar.strip()).toUri().toString()));
      }
      for (Bundle bundle : bundles) {
        bundle.start();
      }
      configure(
          context,
          Map.of(
              "allowedRoots",
              new String[] {f.projects.toString()},
              "sessionsRoot",
              f.sessionsRoot.toString(),
              "retentionHours",
              1L,
              "gitBranch",
              ""));

      // The component first runs on its defaults, then again with this configuration: wait for
      // the configured one (configuration properties become service properties).
      ServiceTracker<SessionFs, SessionFs> tracker =
          new ServiceTracker<>(
              context,
              context.createFilter(
                  "(&(objectClass="
                      + SessionFs.class.getName()
                      + ")(sessionsRoot="
                      + f.sessionsRoot
                      + "))"),
              null);
      tracker.open();
      SessionFs sessions = tracker.waitForService(20_000);
      assertNotNull(sessions, "SessionFs is registered");

      // Activation rolled the interrupted commit forward before serving.
      assertEquals("journaled\n", Files.readString(f.base.resolve("README.md")));
      assertEquals(
          SessionState.COMMITTED,
          sessions.list().stream()
              .filter(s -> s.id().equals(interrupted))
              .findFirst()
              .orElseThrow()
              .state());

      SessionInfo info = sessions.begin(f.base.toString());
      Files.writeString(sessions.directory(info.id()).resolve("docs/guide.txt"), "from felix\n");
      sessions.commit(info.id());
      assertEquals("from felix\n", Files.readString(f.base.resolve("docs/guide.txt")));
      tracker.close();
    } finally {
      framework.stop();
      framework.waitForStop(20_000);
    }
  }

  /** A session whose commit stopped right after its journal, as if the process had died. */
  private static String leaveAJournaledCommitBehind(Fixture f) throws Exception {
    CommitSteps dieAfterJournal =
        step -> {
          if (step.equals("after-commit-point")) {
            throw new IllegalStateException("simulated crash");
          }
        };
    WorkspaceSessions sessions = new WorkspaceSessions(f.settings(), dieAfterJournal, f.clock);
    SessionInfo info = sessions.begin(f.base.toString());
    Files.writeString(sessions.directory(info.id()).resolve("README.md"), "journaled\n");
    try {
      sessions.commit(info.id());
    } catch (IllegalStateException expected) {
      // the simulated crash
    }
    assertEquals("# sample\n", Files.readString(f.base.resolve("README.md")));
    f.closeStore(); // the store bundle opens the same brio.db next, as a restarted kernel would
    return info.id();
  }

  /** Through ConfigAdmin, by reflection: its API classes live in the bundle, not on this path. */
  private static void configure(BundleContext context, Map<String, Object> values)
      throws Exception {
    ServiceTracker<Object, Object> tracker =
        new ServiceTracker<>(context, "org.osgi.service.cm.ConfigurationAdmin", null);
    // All services: ConfigAdmin's jar is also on this class path, so its interface as this class
    // loader sees it is not the bundle's, and a normal tracker would hide the service.
    tracker.open(true);
    Object admin = tracker.waitForService(20_000);
    assertNotNull(admin, "ConfigAdmin is running");
    ServiceReference<Object> reference = tracker.getServiceReference();
    Class<?> adminType = reference.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
    Object configuration =
        adminType
            .getMethod("getConfiguration", String.class, String.class)
            .invoke(admin, SessionFsComponent.PID, "?");
    Class<?> configurationType =
        reference.getBundle().loadClass("org.osgi.service.cm.Configuration");
    Method update = configurationType.getMethod("update", Dictionary.class);
    update.invoke(configuration, new Hashtable<>(values));
    tracker.close();
  }
}
