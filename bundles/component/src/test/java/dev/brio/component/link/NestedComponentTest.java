package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.BorrowValue;
import dev.brio.component.values.OwnValue;
import dev.brio.component.values.U32Value;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * resource.wat: functions exported through an instance made by a nested shim component whose
 * imports (a resource type and functions) are substituted, as wit-component lays them out.
 */
class NestedComponentTest {
  static final String IFACE = "brio:fixtures/counters@0.1.0";

  @Test
  void functionsInsideAnExportedInstance() throws Exception {
    ComponentInstance counters = new Linker().instantiate(Fixtures.parse("resource"));
    assertTrue(counters.exportNames().contains(IFACE));
    OwnValue c =
        (OwnValue) counters.call(IFACE + "#[constructor]counter", new U32Value(7)).orElseThrow();
    assertEquals(
        Optional.of(new U32Value(7)),
        counters.call(IFACE + "#[method]counter.get", new BorrowValue(c.handle())));
    OwnValue zero = (OwnValue) counters.call(IFACE + "#[static]counter.zero").orElseThrow();
    OwnValue merged = (OwnValue) counters.call("[static]counter.merge", c, zero).orElseThrow();
    assertEquals(
        Optional.of(new U32Value(7)),
        counters.call(IFACE + "#[method]counter.get", new BorrowValue(merged.handle())));
    assertEquals(1, counters.hostHandleCount());
  }
}
