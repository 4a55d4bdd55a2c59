package dev.brio.component.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Fixtures;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Engine options: memory limits. */
class EngineTest {
  @Test
  void aMemoryLimitStopsGrowth() throws Exception {
    Engine engine = Engine.builder().maxMemoryPages(2).build();
    ComponentInstance abi = new Linker(engine).instantiate(Fixtures.parse("abi"));
    List<Value> small = IntStream.range(0, 60_000).mapToObj(i -> (Value) new U8Value(1)).toList();
    assertEquals(Optional.of(new ListValue(small)), abi.call("echo-bytes", new ListValue(small)));
    List<Value> big = IntStream.range(0, 200_000).mapToObj(i -> (Value) new U8Value(1)).toList();
    Trap t = assertThrows(Trap.class, () -> abi.call("echo-bytes", new ListValue(big)));
    assertTrue(t.getMessage().contains("core trap"), t.getMessage());
  }

  @Test
  void anEngineInstantiatesAComponentTwice() throws Exception {
    Linker linker = new Linker();
    ComponentInstance a = linker.instantiate(Fixtures.parse("upper"));
    ComponentInstance b = linker.instantiate(Fixtures.parse("upper"));
    assertEquals(Optional.of(new StringValue("A")), a.call("upper", new StringValue("a")));
    assertEquals(Optional.of(new StringValue("B")), b.call("upper", new StringValue("b")));
  }

  @Test
  void aDeadlineStopsARunningCallAndTheInstanceStaysUsable() throws Exception {
    ComponentInstance abi = new Linker().instantiate(Fixtures.parse("abi"));
    long start = System.nanoTime();
    assertThrows(
        CallInterruptedException.class, () -> abi.call("spin", List.of(), Duration.ofMillis(200)));
    assertTrue(System.nanoTime() - start < 10_000_000_000L);
    assertTrue(!Thread.currentThread().isInterrupted());
    assertEquals(
        Optional.of(new StringValue("still here")),
        abi.call("echo-string", List.of(new StringValue("still here")), Duration.ofSeconds(10)));
  }
}
