package dev.brio.mesh;

import static dev.brio.mesh.Targets.KERNEL;
import static dev.brio.mesh.Targets.caller;
import static dev.brio.mesh.Targets.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import dev.brio.api.state.KernelEvent;
import dev.brio.store.SqliteEventLog;
import dev.brio.store.SqliteStore;
import dev.brio.store.StoreSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls land in a real brio.db's events table, with ids that link children to parents. */
class CallTracingTest {
  @TempDir Path dir;

  @Test
  void callsAndTheirOutcomesAreRecordedWithParentIds() throws Exception {
    try (var store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")))) {
      var log = new SqliteEventLog(store, InstantSource.system());
      var mesh = new Switchboard();
      mesh.traceTo(log);
      var asOuter = caller("outer", Duration.ofSeconds(5), "inner");
      mesh.register(spec("inner", 4), List.of((call, args) -> args));
      mesh.register(
          spec("outer", 4), List.of((call, args) -> mesh.call(asOuter, "inner", "leaf", args)));
      mesh.call(KERNEL, "outer", "root", Payload.json("1"));
      assertThrows(
          MeshException.class, () -> mesh.call(asOuter, "elsewhere", "x", Payload.json("1")));
      mesh.close(); // flushes the tracer

      List<KernelEvent> events = log.recent(10);
      assertEquals(3, events.size(), events.toString());
      events.forEach(e -> assertEquals(CallTracer.KIND, e.kind()));
      KernelEvent leaf =
          events.stream().filter(e -> e.detail().contains("\"leaf\"")).findFirst().orElseThrow();
      KernelEvent root =
          events.stream().filter(e -> e.detail().contains("\"root\"")).findFirst().orElseThrow();
      assertEquals("outer", leaf.source());
      assertEquals("kernel", root.source());
      long rootId = Long.parseLong(root.detail().replaceAll(".*\"id\":(\\d+).*", "$1"));
      assertTrue(leaf.detail().contains("\"parent\":" + rootId), leaf.detail());
      assertTrue(leaf.detail().contains("\"outcome\":\"ok\""), leaf.detail());
      KernelEvent denied =
          events.stream().filter(e -> e.detail().contains("elsewhere")).findFirst().orElseThrow();
      assertTrue(denied.detail().contains("\"outcome\":\"denied\""), denied.detail());
    }
  }

  @Test
  void withSamplingOffOnlyFailuresAreRecorded() throws Exception {
    try (var store = SqliteStore.open(StoreSettings.defaults(dir.resolve("brio.db")))) {
      var log = new SqliteEventLog(store, InstantSource.system());
      var mesh =
          new Switchboard(
              new MeshSettings(64, 8, Duration.ofMinutes(1), Duration.ofSeconds(1), 0.0));
      mesh.traceTo(log);
      mesh.register(spec("t", 4), List.of((call, args) -> args));
      for (int i = 0; i < 20; i++) {
        mesh.call(KERNEL, "t", "m", Payload.json("1"));
      }
      assertThrows(MeshException.class, () -> mesh.call(KERNEL, "nowhere", "m", Payload.json("1")));
      mesh.close();
      List<KernelEvent> events = log.recent(100);
      assertEquals(1, events.size(), events.toString());
      assertTrue(events.getFirst().detail().contains("unknown target"), events.getFirst().detail());
    }
  }
}
