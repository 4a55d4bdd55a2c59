package dev.brio.mesh;

import dev.brio.api.mesh.TargetStats;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** A target's call count, error count and latency distribution, safe to record from any thread. */
final class LatencyStats {
  private final ConcurrentHistogram micros = new ConcurrentHistogram(3);
  private final LongAdder errors = new LongAdder();

  void record(long nanos, boolean failed) {
    micros.recordValue(Math.max(0, nanos / 1_000));
    if (failed) {
      errors.increment();
    }
  }

  TargetStats snapshot(String target, int instances) {
    Histogram copy = micros.copy();
    return new TargetStats(
        target,
        instances,
        copy.getTotalCount(),
        errors.sum(),
        copy.getValueAtPercentile(50),
        copy.getValueAtPercentile(90),
        copy.getValueAtPercentile(99),
        copy.getMaxValue());
  }
}
