package dev.brio.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.api.mesh.Payload;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Runs both hops once, untimed: the relay and the chain through two components agree. */
class WasmHopBenchmarkSmokeTest {
  @Test
  void oneAndTwoComponentsAnswerTheSameUpperCasedPayload() throws Exception {
    var benchmark = new WasmHopBenchmark();
    var components = new WasmHopBenchmark.Components();
    components.start();
    try {
      var expected = Payload.json(MeshHopBenchmark.PAYLOAD_1K.toUpperCase(Locale.ROOT));
      assertEquals(expected, benchmark.oneComponent(components));
      assertEquals(expected, benchmark.twoComponents(components));
    } finally {
      components.stop();
    }
  }
}
