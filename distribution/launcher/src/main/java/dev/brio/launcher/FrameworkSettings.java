package dev.brio.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The properties Felix starts with: Brio's defaults, overridden by {@code etc/brio.properties}
 * where it sets the same key. {@code ${brio.home}} and {@code ${brio.data}} in values are replaced
 * by the installation's paths.
 */
final class FrameworkSettings {
  static final String OVERRIDES_FILE = "brio.properties";

  private FrameworkSettings() {}

  static Map<String, String> of(BrioHome home) throws IOException {
    Map<String, String> props = new HashMap<>();
    props.put("brio.home", home.root().toString());
    props.put("brio.data", home.data().toString());
    props.put(ControlSocket.PROPERTY, home.controlSocket().toString());
    props.put("org.osgi.framework.storage", home.data().resolve("felix-cache").toString());
    // Bundles are installed afresh from bundle/ on every start, so the cache never serves a stale
    // jar after an upgrade; state that must survive lives in brio.db, not in the cache.
    props.put("org.osgi.framework.storage.clean", "onFirstInit");
    // Undertow and Chicory reach sun.misc.Unsafe without importing it (see shared/OSGI.md).
    props.put("org.osgi.framework.bootdelegation", "sun.misc");
    // Felix would otherwise hand a JDK class (ServiceLoader) asking a bundle's class loader for
    // resources the launcher's class path too; there it finds lib/'s slf4j-simple (for
    // `brio run`), of the wrong class loader, and SLF4J inside the framework falls back to no
    // logging at all.
    props.put("felix.bootdelegation.implicit", "false");
    props.put("felix.log.level", "1");
    props.put("felix.cm.dir", home.data().resolve("config").toString());
    // FileInstall's main watcher reads etc/ (*.cfg become ConfigAdmin configurations);
    // etc/org.apache.felix.fileinstall-deploy.cfg adds the watcher for deploy/.
    props.put("felix.fileinstall.dir", home.etc().toString());
    props.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
    props.put("felix.fileinstall.poll", "1000");
    props.put("felix.fileinstall.noInitialDelay", "true");
    props.put("felix.fileinstall.enableConfigSave", "false");
    props.put("felix.fileinstall.log.level", "2");

    Path overrides = home.etc().resolve(OVERRIDES_FILE);
    if (Files.isRegularFile(overrides)) {
      var file = new Properties();
      try (Reader reader = Files.newBufferedReader(overrides)) {
        file.load(reader);
      }
      for (String key : file.stringPropertyNames()) {
        props.put(key, substitute(file.getProperty(key), home));
      }
    }
    return props;
  }

  static String substitute(String value, BrioHome home) {
    return value
        .replace("${brio.home}", home.root().toString())
        .replace("${brio.data}", home.data().toString());
  }
}
