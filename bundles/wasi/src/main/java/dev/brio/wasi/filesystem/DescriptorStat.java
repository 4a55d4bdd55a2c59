package dev.brio.wasi.filesystem;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code wasi:filesystem/types.descriptor-stat}, plus the device and inode that identify the object
 * on the host (they stay on the host: the guest sees them only through {@link MetadataHash}).
 */
public record DescriptorStat(
    DescriptorType type,
    long linkCount,
    long size,
    Optional<Instant> dataAccess,
    Optional<Instant> dataModification,
    Optional<Instant> statusChange,
    long device,
    long inode) {

  private static final int STATX_ATIME = 0x20;
  private static final int STATX_MTIME = 0x40;
  private static final int STATX_CTIME = 0x80;

  /** Reads a {@code struct statx} (the layout is the same on every architecture). */
  static DescriptorStat of(MemorySegment statx) {
    int mask = statx.get(ValueLayout.JAVA_INT, 0);
    int nlink = statx.get(ValueLayout.JAVA_INT, 16);
    int mode = Short.toUnsignedInt(statx.get(ValueLayout.JAVA_SHORT, 28));
    long ino = statx.get(ValueLayout.JAVA_LONG, 32);
    long size = statx.get(ValueLayout.JAVA_LONG, 40);
    long dev =
        ((long) statx.get(ValueLayout.JAVA_INT, 136) << 32)
            | Integer.toUnsignedLong(statx.get(ValueLayout.JAVA_INT, 140));
    return new DescriptorStat(
        DescriptorType.ofMode(mode),
        Integer.toUnsignedLong(nlink),
        size,
        time(statx, mask, STATX_ATIME, 64),
        time(statx, mask, STATX_MTIME, 112),
        time(statx, mask, STATX_CTIME, 96),
        dev,
        ino);
  }

  private static Optional<Instant> time(MemorySegment statx, int mask, int bit, long offset) {
    if ((mask & bit) == 0) {
      return Optional.empty();
    }
    long seconds = statx.get(ValueLayout.JAVA_LONG, offset);
    int nanos = statx.get(ValueLayout.JAVA_INT, offset + 8);
    return Optional.of(Instant.ofEpochSecond(seconds, nanos));
  }
}
