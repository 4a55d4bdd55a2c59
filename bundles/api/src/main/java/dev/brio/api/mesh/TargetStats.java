package dev.brio.api.mesh;

/**
 * A target's counters and latency distribution (microseconds, from enqueue to answer) since it was
 * registered.
 */
public record TargetStats(
    String target,
    int instances,
    long calls,
    long errors,
    long p50Micros,
    long p90Micros,
    long p99Micros,
    long maxMicros) {}
