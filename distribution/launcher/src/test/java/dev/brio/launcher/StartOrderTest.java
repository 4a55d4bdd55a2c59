package dev.brio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartOrderTest {

  @Test
  void loggingFirstThenServicesAndFileInstallThenLibrariesThenBrioWithTheKernelLast() {
    List<String> names =
        new ArrayList<>(
            List.of(
                "org.apache.felix.fileinstall",
                "dev.brio.kernel",
                "org.xerial.sqlite-jdbc",
                "dev.brio.store",
                "dev.brio.mesh",
                "org.apache.felix.scr",
                "slf4j.simple",
                "dev.brio.api",
                "org.apache.felix.configadmin",
                "org.osgi.service.component",
                "slf4j.api",
                "org.apache.aries.spifly.dynamic.bundle",
                "org.objectweb.asm"));
    names.sort(StartOrder.comparator());
    assertEquals(
        List.of(
            "org.objectweb.asm",
            "org.apache.aries.spifly.dynamic.bundle",
            "slf4j.api",
            "slf4j.simple",
            "org.osgi.service.component",
            "org.apache.felix.configadmin",
            "org.apache.felix.scr",
            "org.apache.felix.fileinstall",
            "org.xerial.sqlite-jdbc",
            "dev.brio.api",
            "dev.brio.store",
            "dev.brio.mesh",
            "dev.brio.kernel"),
        names);
  }
}
