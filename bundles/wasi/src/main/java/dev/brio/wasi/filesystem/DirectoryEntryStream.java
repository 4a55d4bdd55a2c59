package dev.brio.wasi.filesystem;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayDeque;
import java.util.Optional;

/**
 * {@code wasi:filesystem/types.directory-entry-stream}: the entries of one directory, read lazily
 * with {@code getdents64} from a descriptor of its own, without {@code .} and {@code ..}. The host
 * descriptor is closed at the end of the listing or on {@link #close}.
 */
public final class DirectoryEntryStream implements AutoCloseable {
  private static final int BUFFER = 32 * 1024;

  /** The raw entries of the last batch: the name bytes and the {@code d_type}. */
  private record Raw(byte[] name, int type) {}

  private final OsFd fd;
  private final ArrayDeque<Raw> pending = new ArrayDeque<>();
  private boolean done;

  DirectoryEntryStream(OsFd fd) {
    this.fd = fd;
  }

  /** {@code read-directory-entry}: the next entry, or empty at the end. */
  public Optional<DirectoryEntry> next() throws FsException {
    fd.checkUsable();
    while (pending.isEmpty()) {
      if (done) {
        return Optional.empty();
      }
      fill();
    }
    Raw raw = pending.poll();
    String name = Utf8.decode(raw.name(), "read-directory-entry");
    DescriptorType type = DescriptorType.ofDirentType(raw.type());
    if (type == null) {
      type = typeOf(name);
    }
    return Optional.of(new DirectoryEntry(type, name));
  }

  private void fill() throws FsException {
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(BUFFER, 8);
      long n = Posix.getdents64(arena, os, buf);
      if (n == 0) {
        finish();
        return;
      }
      long at = 0;
      while (at < n) {
        int reclen = Short.toUnsignedInt(buf.get(ValueLayout.JAVA_SHORT, at + 16));
        int type = Byte.toUnsignedInt(buf.get(ValueLayout.JAVA_BYTE, at + 18));
        MemorySegment nameStart = buf.asSlice(at + 19, reclen - 19);
        long len = 0;
        while (nameStart.get(ValueLayout.JAVA_BYTE, len) != 0) {
          len++;
        }
        byte[] name = nameStart.asSlice(0, len).toArray(ValueLayout.JAVA_BYTE);
        if (!isDots(name)) {
          pending.add(new Raw(name, type));
        }
        at += reclen;
      }
    } finally {
      fd.release();
    }
  }

  private static boolean isDots(byte[] name) {
    return (name.length == 1 && name[0] == '.')
        || (name.length == 2 && name[0] == '.' && name[1] == '.');
  }

  /** A file system without {@code d_type}: ask for the entry's own type (a plain name, no walk). */
  private DescriptorType typeOf(String name) throws FsException {
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      return DescriptorStat.of(Posix.statx(arena, os, name, Posix.AT_SYMLINK_NOFOLLOW)).type();
    } catch (FsException e) {
      // the entry vanished since it was listed
      return DescriptorType.UNKNOWN;
    } finally {
      fd.release();
    }
  }

  private synchronized void finish() {
    if (!done) {
      done = true;
      fd.close();
    }
  }

  @Override
  public synchronized void close() {
    pending.clear();
    finish();
  }
}
