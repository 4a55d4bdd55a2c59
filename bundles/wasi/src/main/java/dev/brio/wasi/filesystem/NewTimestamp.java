package dev.brio.wasi.filesystem;

import java.time.Instant;
import java.util.Objects;

/** {@code wasi:filesystem/types.new-timestamp}. */
public sealed interface NewTimestamp {
  /** Leave the timestamp as it is. */
  record NoChange() implements NewTimestamp {}

  /** Set it to the current time. */
  record Now() implements NewTimestamp {}

  /** Set it to {@code time}. */
  record At(Instant time) implements NewTimestamp {
    public At {
      Objects.requireNonNull(time, "time");
    }
  }

  NewTimestamp NO_CHANGE = new NoChange();
  NewTimestamp NOW = new Now();

  /** The {@code struct timespec} words for {@code utimensat}. */
  default void toTimespec(long[] out, int index) {
    switch (this) {
      case NoChange n -> {
        out[index] = 0;
        out[index + 1] = Posix.UTIME_OMIT;
      }
      case Now n -> {
        out[index] = 0;
        out[index + 1] = Posix.UTIME_NOW;
      }
      case At(Instant t) -> {
        out[index] = t.getEpochSecond();
        out[index + 1] = t.getNano();
      }
    }
  }
}
