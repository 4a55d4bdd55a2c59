package dev.brio.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StoreComponentTest {

  @Test
  void configuredPathWins() {
    assertEquals(
        Path.of("/srv/brio/state.db"), StoreComponent.databasePath("/srv/brio/state.db", "/x"));
  }

  @Test
  void defaultPathIsBrioDbInTheDataDir() {
    assertEquals(Path.of("/var/brio", "brio.db"), StoreComponent.databasePath("", "/var/brio"));
  }

  @Test
  void withoutDataDirTheDefaultIsDataBrioDb() {
    assertEquals(Path.of("data", "brio.db"), StoreComponent.databasePath("", null));
    assertEquals(Path.of("data", "brio.db"), StoreComponent.databasePath(" ", " "));
  }
}
