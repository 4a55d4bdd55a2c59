package dev.brio.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.component.values.StringValue;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Runs every load benchmark once, untimed, on the small WAT component (the JavaScript ones take
 * seconds to a minute per load: they run in the benchmark only).
 */
class ComponentLoadBenchmarkSmokeTest {
  @Test
  void everyWayOfLoadingAnswersTheFirstCall() throws Exception {
    var benchmark = new ComponentLoadBenchmark();
    benchmark.fixture = "upper";
    benchmark.fillTheCache();
    var hello = Optional.of(new StringValue("HELLO"));
    try {
      benchmark.freshCacheDir();
      assertEquals(hello, benchmark.cold());
      benchmark.drain();
      benchmark.freshCacheDir();
      assertEquals(hello, benchmark.cached());
      benchmark.drain();
      benchmark.freshCacheDir();
      assertEquals(hello, benchmark.firstCallInterpreter());
      benchmark.drain();
      benchmark.freshCacheDir();
      assertEquals(hello, benchmark.firstCallTiered());
      benchmark.drain();
    } finally {
      benchmark.removeTheCache();
    }
  }
}
