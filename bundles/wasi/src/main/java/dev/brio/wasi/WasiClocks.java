package dev.brio.wasi;

import dev.brio.component.link.Linker;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.values.RecordValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.Value;
import dev.brio.wasi.io.IoHost;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * {@code wasi:clocks/wall-clock} and {@code wasi:clocks/monotonic-clock} (WASI 0.2); the monotonic
 * clock's {@code subscribe-instant} and {@code subscribe-duration} give {@code wasi:io/poll}
 * pollables that become ready at a deadline.
 */
public final class WasiClocks {
  static final RecordType DATETIME =
      new RecordType(
          List.of(
              new RecordType.Field("seconds", PrimitiveType.U64),
              new RecordType.Field("nanoseconds", PrimitiveType.U32)));
  static final FuncType NOW_DATETIME = new FuncType(List.of(), Optional.of(DATETIME));
  static final FuncType U64 = new FuncType(List.of(), Optional.of(PrimitiveType.U64));

  private final InstantSource wall;
  private final LongSupplier monotonic;
  private final long wallResolutionNanos;

  /**
   * The host's system clock, and {@link System#nanoTime()} counted from now (so that instants start
   * near 0 and adding a duration to one does not wrap).
   */
  public WasiClocks() {
    this(InstantSource.system(), sinceNow(), 1_000);
  }

  private static LongSupplier sinceNow() {
    long origin = System.nanoTime();
    return () -> System.nanoTime() - origin;
  }

  /**
   * @param wall the wall clock
   * @param monotonic nanoseconds of a clock that never goes back
   * @param wallResolutionNanos what {@code wall-clock.resolution} reports
   */
  public WasiClocks(InstantSource wall, LongSupplier monotonic, long wallResolutionNanos) {
    this.wall = Objects.requireNonNull(wall, "wall");
    this.monotonic = Objects.requireNonNull(monotonic, "monotonic");
    if (wallResolutionNanos <= 0 || wallResolutionNanos >= 1_000_000_000L) {
      throw new IllegalArgumentException(
          "wall clock resolution out of range: " + wallResolutionNanos);
    }
    this.wallResolutionNanos = wallResolutionNanos;
  }

  /** Defines {@code wasi:clocks/wall-clock@version}. */
  public void defineWallClock(Linker linker, String version) {
    String iface = "wasi:clocks/wall-clock@" + version;
    linker.define(iface, "now", NOW_DATETIME, args -> Optional.of(datetime(wall.instant())));
    linker.define(
        iface,
        "resolution",
        NOW_DATETIME,
        args -> Optional.of(datetime(0, (int) wallResolutionNanos)));
  }

  /**
   * Defines {@code wasi:clocks/monotonic-clock@version}; the pollables of {@code subscribe-*} are
   * {@code io}'s.
   */
  public void defineMonotonicClock(Linker linker, String version, IoHost io) {
    String iface = "wasi:clocks/monotonic-clock@" + version;
    linker.define(iface, "now", U64, args -> Optional.of(new U64Value(monotonic.getAsLong())));
    linker.define(iface, "resolution", U64, args -> Optional.of(new U64Value(1)));
    linker.define(
        iface,
        "subscribe-instant",
        subscribe("when", io),
        (cx, args) ->
            Optional.of(
                io.ownPollable(cx, new TimerPollable(monotonic, ((U64Value) args.get(0)).bits()))));
    linker.define(
        iface,
        "subscribe-duration",
        subscribe("when", io),
        (cx, args) -> {
          long deadline =
              TimerPollable.after(monotonic.getAsLong(), ((U64Value) args.get(0)).bits());
          return Optional.of(io.ownPollable(cx, new TimerPollable(monotonic, deadline)));
        });
  }

  private static FuncType subscribe(String param, IoHost io) {
    return new FuncType(
        List.of(new FuncType.Param(param, PrimitiveType.U64)), Optional.of(io.pollable().own()));
  }

  static Value datetime(Instant t) {
    if (t.getEpochSecond() < 0) {
      // datetime counts seconds since the epoch as u64: a clock before 1970 reads as the epoch
      return datetime(0, 0);
    }
    return datetime(t.getEpochSecond(), t.getNano());
  }

  private static Value datetime(long seconds, int nanos) {
    return new RecordValue(
        List.of(
            new RecordValue.Field("seconds", new U64Value(seconds)),
            new RecordValue.Field("nanoseconds", new U32Value(nanos))));
  }
}
