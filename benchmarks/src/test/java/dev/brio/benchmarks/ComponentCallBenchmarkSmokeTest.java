package dev.brio.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.component.values.ListValue;
import dev.brio.component.values.StringValue;
import org.junit.jupiter.api.Test;

/** Runs each component benchmark once, untimed, and checks what it computes. */
class ComponentCallBenchmarkSmokeTest {
  private final ComponentCallBenchmark benchmark = new ComponentCallBenchmark();
  private static final String UPPER = ComponentCallBenchmark.TEXT_64.substring(0, 64).toUpperCase();

  @Test
  void brioAndTheHandWrittenFloorAgree() throws Exception {
    var upper = new ComponentCallBenchmark.Upper();
    upper.load();
    assertEquals(new StringValue(UPPER), benchmark.upperThroughBrio(upper).orElseThrow());
    var floor = new ComponentCallBenchmark.Floor();
    floor.load();
    assertEquals(UPPER, benchmark.upperByHandOnChicory(floor));
    assertEquals(UPPER, benchmark.upperByHandOnChicory(floor), "post-return reset the guest");
  }

  @Test
  void jcoInNodeComputesTheSameUpper() throws Exception {
    var node = new ComponentCallBenchmark.JcoNode();
    node.start();
    try {
      assertEquals(UPPER, node.ready);
      assertEquals(
          "done " + ComponentCallBenchmark.JcoNode.CALLS, benchmark.upperThroughJcoNode(node));
    } finally {
      node.stop();
    }
  }

  @Test
  void aMebibyteOfBytesComesBackUnchanged() throws Exception {
    var bytes = new ComponentCallBenchmark.Bytes();
    bytes.load();
    var echoed = (ListValue) benchmark.echoBytes1MiB(bytes).orElseThrow();
    assertEquals(bytes.args.getFirst(), echoed);
    assertEquals(1 << 20, echoed.toU8Array().orElseThrow().length, "lifted as packed bytes");
  }

  @Test
  void aMebibyteOfU32sComesBackUnchanged() throws Exception {
    var u32s = new ComponentCallBenchmark.U32s();
    u32s.load();
    var echoed = (ListValue) benchmark.echoU32s1MiB(u32s).orElseThrow();
    assertEquals(u32s.args.getFirst(), echoed);
    assertEquals(1 << 18, echoed.toU32Array().orElseThrow().length, "lifted as a packed array");
  }
}
