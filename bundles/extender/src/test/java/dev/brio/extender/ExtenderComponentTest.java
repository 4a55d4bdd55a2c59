package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ExtenderComponentTest {
  @Test
  void theFolderIsConfiguredElseUnderTheHomeElseHere() {
    assertEquals(Path.of("/srv/wasm"), ExtenderComponent.folderPath("/srv/wasm", "/opt/brio"));
    assertEquals(Path.of("/opt/brio/components"), ExtenderComponent.folderPath(" ", "/opt/brio"));
    assertEquals(Path.of("components"), ExtenderComponent.folderPath("", null));
  }
}
