package dev.brio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkSettingsTest {
  @TempDir Path home;

  @Test
  void defaultsPointIntoTheInstallation() throws Exception {
    var settings = FrameworkSettings.of(new BrioHome(home));
    assertEquals(home.resolve("data").toString(), settings.get("brio.data"));
    assertEquals(home.resolve("etc").toString(), settings.get("felix.fileinstall.dir"));
    assertEquals(
        home.resolve("data/felix-cache").toString(), settings.get("org.osgi.framework.storage"));
    assertEquals(home.resolve("data/brio.sock").toString(), settings.get(ControlSocket.PROPERTY));
  }

  @Test
  void etcBrioPropertiesOverridesKeyByKeyWithPathsExpanded() throws Exception {
    Files.createDirectories(home.resolve("etc"));
    Files.writeString(
        home.resolve("etc/brio.properties"),
        "felix.fileinstall.poll=250\nbrio.sessions=${brio.data}/sessions\n");
    var settings = FrameworkSettings.of(new BrioHome(home, home.resolve("state")));
    assertEquals("250", settings.get("felix.fileinstall.poll"));
    assertEquals(home.resolve("state/sessions").toString(), settings.get("brio.sessions"));
    assertEquals("true", settings.get("felix.fileinstall.noInitialDelay"));
  }
}
