package dev.brio.component.cache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Byte arrays stored as files named by their key in one directory. Each file is a header (magic,
 * payload length, CRC-32C of the payload) followed by the payload: a truncated or corrupted file is
 * detected on read, deleted and reported as a miss, never handed out. Files are written to a
 * temporary name and renamed into place, so a reader (in this or another process) sees a whole
 * entry or none. A read marks the entry as used (its modification time); when the directory holds
 * more than the size limit, the least recently used entries are deleted.
 */
public final class DiskCache {
  /** Keys are lower-case hex digests: safe as file names, never a path. */
  private static final Pattern KEY = Pattern.compile("[0-9a-f]{16,128}");

  private static final long MAGIC = 0x4252494f43433031L; // "BRIOCC01"
  private static final int HEADER = 8 + 8 + 4;
  private static final String SUFFIX = ".bin";

  /** A temporary file this old is left over from a crashed write. */
  private static final Duration STALE_TEMP = Duration.ofMinutes(10);

  private final Path dir;
  private final long maxBytes;
  private final AtomicLong corrupt = new AtomicLong();

  private DiskCache(Path dir, long maxBytes) {
    this.dir = dir;
    this.maxBytes = maxBytes;
  }

  /**
   * Opens (creating it if needed) the cache in {@code dir}, holding at most {@code maxBytes}.
   *
   * @throws UncheckedIOException if the directory cannot be created
   */
  public static DiskCache open(Path dir, long maxBytes) {
    Objects.requireNonNull(dir, "dir");
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("cache size limit must be positive: " + maxBytes);
    }
    try {
      Files.createDirectories(dir);
      // Entries are bytecode this process loads and runs, guarded only by a checksum: whoever can
      // write here can run code in it, so the directory is the owner's alone.
      if (Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the compiled-code cache at " + dir, e);
    }
    return new DiskCache(dir, maxBytes);
  }

  public Path dir() {
    return dir;
  }

  /** How many entries were found corrupt (and deleted) since this cache was opened. */
  public long corruptEntries() {
    return corrupt.get();
  }

  /** The payload stored under {@code key}, if a whole, intact entry exists. */
  public Optional<byte[]> get(String key) {
    Path file = file(key);
    byte[] payload;
    try {
      payload = read(file);
    } catch (IOException e) {
      return Optional.empty(); // absent, or unreadable: either way a miss
    }
    if (payload == null) {
      corrupt.incrementAndGet();
      deleteQuietly(file);
      return Optional.empty();
    }
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // only the eviction order suffers: the entry itself was read intact
    }
    return Optional.of(payload);
  }

  /**
   * The payload of a stored file, or null if it is not a whole, intact entry. The payload is read
   * straight into the array handed out (entries of compiled code are tens of megabytes).
   */
  private static byte[] read(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER);
      if (size < HEADER || !readFully(in, header)) {
        return null;
      }
      header.flip();
      if (header.getLong() != MAGIC
          || header.getLong() != size - HEADER
          || size - HEADER > Integer.MAX_VALUE - 8) {
        return null;
      }
      int expected = header.getInt();
      byte[] payload = new byte[(int) (size - HEADER)];
      if (!readFully(in, ByteBuffer.wrap(payload)) || in.read(ByteBuffer.allocate(1)) != -1) {
        return null; // shorter or longer than when its size was read: changed under us
      }
      CRC32C crc = new CRC32C();
      crc.update(payload);
      return (int) crc.getValue() == expected ? payload : null;
    }
  }

  private static boolean readFully(FileChannel in, ByteBuffer into) throws IOException {
    while (into.hasRemaining()) {
      if (in.read(into) < 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stores {@code payload} under {@code key} unless an entry exists, then evicts the least recently
   * used entries beyond the size limit. A failed write leaves no entry (the cache is an
   * optimisation: callers carry on without it).
   *
   * @return whether the entry is now stored
   */
  public boolean putIfAbsent(String key, byte[] payload) {
    Path file = file(key);
    if (Files.exists(file)) {
      return true;
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, key, ".tmp");
      Files.write(temp, wrap(payload));
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      return false;
    } finally {
      if (temp != null) {
        deleteQuietly(temp);
      }
    }
    evict(file);
    return true;
  }

  /** Deletes the entry under {@code key}, if any (e.g. one whose contents turned out unusable). */
  public void remove(String key) {
    deleteQuietly(file(key));
  }

  private Path file(String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("not a cache key (hex digest): " + key);
    }
    return dir.resolve(key + SUFFIX);
  }

  private static byte[] wrap(byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(payload);
    return ByteBuffer.allocate(HEADER + payload.length)
        .putLong(MAGIC)
        .putLong(payload.length)
        .putInt((int) crc.getValue())
        .put(payload)
        .array();
  }

  private record Entry(Path file, long size, FileTime used) {}

  /** Deletes least recently used entries (never {@code keep}) until the total fits the limit. */
  private synchronized void evict(Path keep) {
    List<Entry> entries = new ArrayList<>();
    long total = 0;
    Instant staleBefore = Instant.now().minus(STALE_TEMP);
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        try {
          if (name.endsWith(".tmp")) {
            if (Files.getLastModifiedTime(f).toInstant().isBefore(staleBefore)) {
              deleteQuietly(f);
            }
          } else if (name.endsWith(SUFFIX)) {
            long size = Files.size(f);
            total += size;
            entries.add(new Entry(f, size, Files.getLastModifiedTime(f)));
          }
        } catch (IOException e) {
          // deleted by another process meanwhile: nothing to count
        }
      }
    } catch (IOException e) {
      return;
    }
    entries.sort(Comparator.comparing(Entry::used));
    for (Entry e : entries) {
      if (total <= maxBytes) {
        break;
      }
      if (!e.file().equals(keep)) {
        deleteQuietly(e.file());
        total -= e.size();
      }
    }
  }

  private static void deleteQuietly(Path f) {
    try {
      Files.deleteIfExists(f);
    } catch (IOException e) {
      // a file that cannot be deleted is found (and checked) again on the next read
    }
  }
}
