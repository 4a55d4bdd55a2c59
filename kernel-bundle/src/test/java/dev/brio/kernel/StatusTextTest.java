package dev.brio.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.deploy.WasmComponentState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusTextTest {

  @Test
  void readyReportCountsEverythingAndListsEvents() {
    var report =
        new HealthReport(
            "2026-11-24T04:00:00Z",
            true,
            List.of(
                new BundleHealth(0, "org.apache.felix.framework", "7.0.5", "ACTIVE", false),
                new BundleHealth(7, "dev.brio.store", "0.1.0", "ACTIVE", false)),
            List.of(
                new ComponentHealth(
                    "dev.brio.store.StoreComponent", "dev.brio.store", "ACTIVE", "")),
            List.of(),
            List.of(),
            List.of(
                new EventLine(
                    1, "2026-11-24T04:00:00Z", "kernel.started", "dev.brio.kernel", "{}")));
    String text = StatusText.render(report);
    assertTrue(
        text.startsWith("Brio kernel: ready (2/2 bundles up, 1/1 components satisfied)"), text);
    assertTrue(text.contains("dev.brio.store.StoreComponent"), text);
    assertTrue(text.contains("kernel.started"), text);
    assertTrue(!text.contains("Problems"), text);
  }

  @Test
  void problemsMakeItNotReadyAndAreListed() {
    var report =
        new HealthReport(
            "2026-11-24T04:00:00Z",
            false,
            List.of(new BundleHealth(9, "dev.brio.store", "0.1.0", "INSTALLED", false)),
            List.of(
                new ComponentHealth(
                    "dev.brio.kernel.KernelLifecycle",
                    "dev.brio.kernel",
                    "UNSATISFIED",
                    "missing dev.brio.api.state.EventLog")),
            List.of("bundle dev.brio.store [9] is INSTALLED, not ACTIVE"),
            List.of(),
            List.of());
    String text = StatusText.render(report);
    assertTrue(
        text.startsWith("Brio kernel: NOT READY (0/1 bundles up, 0/1 components satisfied)"), text);
    assertTrue(
        text.contains("Problems\n  bundle dev.brio.store [9] is INSTALLED, not ACTIVE"), text);
  }

  @Test
  void wasmComponentsAreListedAndARefusedOneWithItsReasonWithoutMakingItNotReady() {
    var report =
        new HealthReport(
            "2026-12-01T12:00:00Z",
            true,
            List.of(),
            List.of(),
            List.of(),
            List.of(
                WasmLine.of(
                    new WasmComponentState(
                        "shout", "shout", "tool", true, "", Instant.parse("2026-12-01T11:00:00Z"))),
                WasmLine.of(
                    new WasmComponentState(
                        "spy",
                        "spy",
                        "",
                        false,
                        "spy.wasm imports brio:core/sql-state, outside the tool world",
                        Instant.parse("2026-12-01T11:30:00Z")))),
            List.of());
    String text = StatusText.render(report);
    assertTrue(text.startsWith("Brio kernel: ready"), text);
    assertTrue(text.contains("Wasm components\n"), text);
    assertTrue(text.matches("(?s).*DEPLOYED\\s+shout\\s+tool / shout.*"), text);
    assertTrue(text.matches("(?s).*REFUSED\\s+spy\\s+- / spy.*"), text);
    assertTrue(
        text.contains(
            "Refused components\n  spy (since 2026-12-01T11:30:00Z): spy.wasm imports"
                + " brio:core/sql-state, outside the tool world"),
        text);
    assertTrue(!text.contains("Problems"), text);
  }

  @Test
  void fragmentsAreHealthyWhenResolved() {
    assertTrue(new BundleHealth(3, "undertow.unsafe", "1", "RESOLVED", true).healthy());
    assertTrue(!new BundleHealth(3, "dev.brio.store", "1", "RESOLVED", false).healthy());
  }
}
