package dev.brio.wasi.filesystem;

import static dev.brio.wasi.filesystem.Posix.AT_EMPTY_PATH;
import static dev.brio.wasi.filesystem.Posix.AT_REMOVEDIR;
import static dev.brio.wasi.filesystem.Posix.AT_SYMLINK_NOFOLLOW;
import static dev.brio.wasi.filesystem.Posix.O_CLOEXEC;
import static dev.brio.wasi.filesystem.Posix.O_CREAT;
import static dev.brio.wasi.filesystem.Posix.O_DIRECTORY;
import static dev.brio.wasi.filesystem.Posix.O_DSYNC;
import static dev.brio.wasi.filesystem.Posix.O_EXCL;
import static dev.brio.wasi.filesystem.Posix.O_NOCTTY;
import static dev.brio.wasi.filesystem.Posix.O_NOFOLLOW;
import static dev.brio.wasi.filesystem.Posix.O_RDONLY;
import static dev.brio.wasi.filesystem.Posix.O_RDWR;
import static dev.brio.wasi.filesystem.Posix.O_SYNC;
import static dev.brio.wasi.filesystem.Posix.O_TRUNC;
import static dev.brio.wasi.filesystem.Posix.O_WRONLY;

import dev.brio.wasi.io.HostInputStream;
import dev.brio.wasi.io.HostOutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.EnumSet;
import java.util.Set;

/**
 * A {@code wasi:filesystem} descriptor: an open host file or directory, confined to what it was
 * opened as. Every path given to a directory descriptor is resolved by the kernel beneath it
 * ({@code openat2} with {@code RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS}): {@code ..} above it, an
 * absolute symlink or one leading out fail with {@code not-permitted}, and since the check is the
 * lookup itself, swapping a path component for a symlink mid-call cannot redirect it. A read-only
 * descriptor (and everything opened from it) refuses every change with {@code not-permitted}, as
 * wasmtime does.
 *
 * <p>Methods throw {@link FsException} with the guest-visible error code; the descriptor stays
 * usable after an error. {@link #close} may be called once the guest drops the handle; streams made
 * from it keep the host file open until they are closed too.
 */
public final class Descriptor implements AutoCloseable {
  /** The most one {@link #read} returns; a guest asking for more gets a short read. */
  static final int MAX_READ = 1 << 20;

  private final OsFd fd;
  private final boolean directory;
  private final boolean readOnly;
  private final Set<DescriptorFlag> flags;
  private volatile boolean closed;

  private Descriptor(OsFd fd, boolean directory, boolean readOnly, Set<DescriptorFlag> flags) {
    this.fd = fd;
    this.directory = directory;
    this.readOnly = readOnly;
    this.flags = Set.copyOf(flags);
  }

  /**
   * Opens a preopen's host directory. Fails with {@link UnsupportedOperationException} where the
   * kernel cannot confine lookups ({@code openat2} missing): there is no weaker fallback.
   */
  public static Descriptor open(Preopen preopen) throws FsException {
    Posix.requireOpenat2();
    String host = preopen.hostDir().toAbsolutePath().toString();
    int fd;
    try (Arena arena = Arena.ofConfined()) {
      fd = Posix.openHost(arena, host, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    EnumSet<DescriptorFlag> f = EnumSet.of(DescriptorFlag.READ);
    if (!preopen.readOnly()) {
      f.add(DescriptorFlag.MUTATE_DIRECTORY);
    }
    return new Descriptor(new OsFd(fd), true, preopen.readOnly(), f);
  }

  /** Whether this descriptor and everything opened from it refuse changes. */
  public boolean readOnly() {
    return readOnly;
  }

  /** Whether this is a directory descriptor. */
  public boolean isDirectory() {
    return directory;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      fd.release();
    }
  }

  // ---- file contents -------------------------------------------------------------------------

  /** The bytes read and whether the end of the file was reached. */
  public record ReadResult(byte[] data, boolean endOfFile) {}

  /** {@code read}: up to {@code length} bytes (at most {@link #MAX_READ}) at {@code offset}. */
  public ReadResult read(long length, long offset) throws FsException {
    requireFile("read");
    checkOffset(offset);
    // a length beyond 2^63 arrives negative: as much as one read gives
    int want = length < 0 ? MAX_READ : (int) Math.min(length, MAX_READ);
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      if (want == 0) {
        return new ReadResult(new byte[0], false);
      }
      MemorySegment buf = arena.allocate(want);
      long n = Posix.pread(arena, os, buf, offset);
      return new ReadResult(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), n == 0);
    } finally {
      fd.release();
    }
  }

  /**
   * {@code write}: writes {@code data} at {@code offset}, answering how many bytes were written.
   */
  public long write(byte[] data, long offset) throws FsException {
    requireFile("write");
    requireWritable("write");
    checkOffset(offset);
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      if (data.length == 0) {
        return 0;
      }
      return Posix.pwrite(arena, os, arena.allocateFrom(ValueLayout.JAVA_BYTE, data), offset);
    } finally {
      fd.release();
    }
  }

  /** {@code read-via-stream}: an input stream reading from {@code offset} to the end. */
  public HostInputStream readViaStream(long offset) throws FsException {
    requireOpen();
    if (directory) {
      throw new FsException(ErrorCode.IS_DIRECTORY, "read-via-stream on a directory descriptor");
    }
    checkOffset(offset);
    return new FileInputStream(fd, offset);
  }

  /** {@code write-via-stream}: an output stream writing from {@code offset} on. */
  public HostOutputStream writeViaStream(long offset) throws FsException {
    requireFile("write-via-stream");
    requireWritable("write-via-stream");
    checkOffset(offset);
    return new FileOutputStream(fd, offset, false);
  }

  /** {@code append-via-stream}: an output stream whose every write lands at the end. */
  public HostOutputStream appendViaStream() throws FsException {
    requireFile("append-via-stream");
    requireWritable("append-via-stream");
    return new FileOutputStream(fd, 0, true);
  }

  /** {@code set-size}: truncates or extends the file. */
  public void setSize(long size) throws FsException {
    requireFile("set-size");
    requireWritable("set-size");
    checkOffset(size);
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      Posix.ftruncate(arena, os, size);
    } finally {
      fd.release();
    }
  }

  /** {@code advise}: passes the access-pattern hint to the kernel. */
  public void advise(long offset, long length, Advice advice) throws FsException {
    requireFile("advise");
    checkOffset(offset);
    checkOffset(length);
    int os = fd.acquire();
    try {
      Posix.fadvise(os, offset, length, advice.posix);
    } finally {
      fd.release();
    }
  }

  /** {@code sync-data} ({@code fdatasync}). */
  public void syncData() throws FsException {
    sync(true);
  }

  /** {@code sync} ({@code fsync}). */
  public void sync() throws FsException {
    sync(false);
  }

  private void sync(boolean dataOnly) throws FsException {
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      Posix.fsync(arena, os, dataOnly);
    } finally {
      fd.release();
    }
  }

  // ---- metadata ------------------------------------------------------------------------------

  /** {@code get-flags}: how this descriptor was opened. */
  public Set<DescriptorFlag> getFlags() throws FsException {
    requireOpen();
    return flags;
  }

  /** {@code get-type}. */
  public DescriptorType getType() throws FsException {
    return directory ? DescriptorType.DIRECTORY : stat().type();
  }

  /** {@code stat}. */
  public DescriptorStat stat() throws FsException {
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      return DescriptorStat.of(Posix.statx(arena, os, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
    } finally {
      fd.release();
    }
  }

  /** {@code set-times}. */
  public void setTimes(NewTimestamp access, NewTimestamp modification) throws FsException {
    requireWritable("set-times");
    long[] times = times(access, modification);
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      Posix.utimensat(arena, os, "", times, AT_EMPTY_PATH, null);
    } finally {
      fd.release();
    }
  }

  /** {@code is-same-object}: whether both name the same host object. */
  public boolean isSameObject(Descriptor other) throws FsException {
    DescriptorStat a = stat();
    DescriptorStat b = other.stat();
    return a.device() == b.device() && a.inode() == b.inode();
  }

  /** {@code metadata-hash}. */
  public MetadataHash metadataHash() throws FsException {
    return MetadataHash.of(stat());
  }

  // ---- directory operations ------------------------------------------------------------------

  /** {@code open-at}. */
  public Descriptor openAt(
      boolean followSymlinks, String path, Set<OpenFlag> open, Set<DescriptorFlag> requested)
      throws FsException {
    requireDirectory("open-at");
    GuestPath p = GuestPath.of(path);
    boolean create = open.contains(OpenFlag.CREATE);
    boolean truncate = open.contains(OpenFlag.TRUNCATE);
    if (open.contains(OpenFlag.DIRECTORY)
        && (create || truncate || open.contains(OpenFlag.EXCLUSIVE))) {
      throw new FsException(
          ErrorCode.INVALID, "open-at '" + p + "': directory cannot be combined with " + open);
    }
    boolean write = requested.contains(DescriptorFlag.WRITE) || create || truncate;
    boolean read = requested.contains(DescriptorFlag.READ) || !write;
    if (readOnly && (write || create)) {
      throw new FsException(
          ErrorCode.NOT_PERMITTED, "open-at '" + p + "' for writing under a read-only preopen");
    }
    int oflags = (read && write) ? O_RDWR : write ? O_WRONLY : O_RDONLY;
    oflags |= O_CLOEXEC | O_NOCTTY;
    if (create) {
      oflags |= O_CREAT;
    }
    if (open.contains(OpenFlag.EXCLUSIVE)) {
      oflags |= O_EXCL;
    }
    if (truncate) {
      oflags |= O_TRUNC;
    }
    if (open.contains(OpenFlag.DIRECTORY)) {
      oflags |= O_DIRECTORY;
    }
    if (!followSymlinks) {
      // only the final component: symlinks on the way are followed (beneath the directory)
      oflags |= O_NOFOLLOW;
    }
    if (requested.contains(DescriptorFlag.FILE_INTEGRITY_SYNC)
        || requested.contains(DescriptorFlag.REQUESTED_WRITE_SYNC)) {
      oflags |= O_SYNC;
    } else if (requested.contains(DescriptorFlag.DATA_INTEGRITY_SYNC)) {
      oflags |= O_DSYNC;
    }
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      int opened = Posix.openat2(arena, os, path, oflags, 0666, Beneath.RESOLVE);
      boolean isDir;
      try {
        isDir =
            DescriptorStat.of(Posix.statx(arena, opened, "", AT_EMPTY_PATH)).type()
                == DescriptorType.DIRECTORY;
      } catch (FsException e) {
        Posix.close(opened);
        throw e;
      }
      EnumSet<DescriptorFlag> f = EnumSet.noneOf(DescriptorFlag.class);
      if (read) {
        f.add(DescriptorFlag.READ);
      }
      if (write) {
        f.add(DescriptorFlag.WRITE);
      }
      for (DescriptorFlag sync :
          EnumSet.of(
              DescriptorFlag.FILE_INTEGRITY_SYNC,
              DescriptorFlag.DATA_INTEGRITY_SYNC,
              DescriptorFlag.REQUESTED_WRITE_SYNC)) {
        if (requested.contains(sync)) {
          f.add(sync);
        }
      }
      if (isDir && !readOnly && requested.contains(DescriptorFlag.MUTATE_DIRECTORY)) {
        f.add(DescriptorFlag.MUTATE_DIRECTORY);
      }
      return new Descriptor(new OsFd(opened), isDir, readOnly, f);
    } finally {
      fd.release();
    }
  }

  /** {@code read-directory}: a stream of the entries, without {@code .} and {@code ..}. */
  public DirectoryEntryStream readDirectory() throws FsException {
    requireDirectory("read-directory");
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      // a descriptor of its own, so the listing has its own position
      int listing =
          Posix.openat2(arena, os, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, Beneath.RESOLVE);
      return new DirectoryEntryStream(new OsFd(listing));
    } finally {
      fd.release();
    }
  }

  /** {@code stat-at}. */
  public DescriptorStat statAt(boolean followSymlinks, String path) throws FsException {
    requireDirectory("stat-at");
    GuestPath p = GuestPath.of(path);
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      int target = Beneath.openPath(arena, os, p, followSymlinks);
      try {
        return DescriptorStat.of(
            Posix.statx(arena, target, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
      } finally {
        Posix.close(target);
      }
    } finally {
      fd.release();
    }
  }

  /** {@code metadata-hash-at}. */
  public MetadataHash metadataHashAt(boolean followSymlinks, String path) throws FsException {
    return MetadataHash.of(statAt(followSymlinks, path));
  }

  /** {@code set-times-at}. */
  public void setTimesAt(
      boolean followSymlinks, String path, NewTimestamp access, NewTimestamp modification)
      throws FsException {
    requireDirectory("set-times-at");
    requireWritable("set-times-at");
    GuestPath p = GuestPath.of(path);
    long[] times = times(access, modification);
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      int target = Beneath.openPath(arena, os, p, followSymlinks);
      try {
        Posix.utimensat(arena, target, "", times, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, p.text());
      } finally {
        Posix.close(target);
      }
    } finally {
      fd.release();
    }
  }

  /** {@code readlink-at}: the symlink's contents. */
  public String readlinkAt(String path) throws FsException {
    requireDirectory("readlink-at");
    GuestPath p = GuestPath.of(path);
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      int target = Beneath.openPath(arena, os, p, false);
      try {
        return Utf8.decode(Posix.readlinkEmpty(arena, target, p.text()), "readlink-at '" + p + "'");
      } finally {
        Posix.close(target);
      }
    } finally {
      fd.release();
    }
  }

  /** {@code create-directory-at}. */
  public void createDirectoryAt(String path) throws FsException {
    entryChange(
        "create-directory-at",
        path,
        ErrorCode.EXIST,
        (arena, parent, p) -> Posix.mkdirat(arena, parent, p.last(), 0777, p.text()));
  }

  /** {@code remove-directory-at}. */
  public void removeDirectoryAt(String path) throws FsException {
    GuestPath g = GuestPath.of(path);
    // rmdir of "." is EINVAL, of ".." ENOTEMPTY: what Linux says for those names
    ErrorCode onDots = g.name().equals(".") ? ErrorCode.INVALID : ErrorCode.NOT_EMPTY;
    entryChange(
        "remove-directory-at",
        path,
        onDots,
        (arena, parent, p) -> Posix.unlinkat(arena, parent, p.last(), AT_REMOVEDIR, p.text()));
  }

  /** {@code unlink-file-at}: removes a file or symlink (never what a symlink points to). */
  public void unlinkFileAt(String path) throws FsException {
    entryChange(
        "unlink-file-at",
        path,
        ErrorCode.IS_DIRECTORY,
        (arena, parent, p) -> Posix.unlinkat(arena, parent, p.last(), 0, p.text()));
  }

  /**
   * {@code symlink-at}: creates {@code newPath} pointing at {@code target}. An absolute target is
   * refused with {@code not-permitted}: it could never be followed inside the sandbox.
   */
  public void symlinkAt(String target, String newPath) throws FsException {
    if (target.indexOf('\0') >= 0) {
      throw new FsException(ErrorCode.INVALID, "symlink target contains a NUL character");
    }
    if (target.startsWith("/")) {
      throw new FsException(
          ErrorCode.NOT_PERMITTED,
          "symlink-at '" + newPath + "': absolute target '" + target + "'");
    }
    entryChange(
        "symlink-at",
        newPath,
        ErrorCode.EXIST,
        (arena, parent, p) -> Posix.symlinkat(arena, target, parent, p.last(), p.text()));
  }

  /** {@code rename-at}: moves {@code oldPath} to {@code newPath} under {@code newDir}. */
  public void renameAt(String oldPath, Descriptor newDir, String newPath) throws FsException {
    twoPathChange(
        "rename-at",
        oldPath,
        newDir,
        newPath,
        ErrorCode.BUSY,
        ErrorCode.BUSY,
        (arena, oldParent, o, newParent, n) ->
            Posix.renameat(arena, oldParent, o.last(), newParent, n.last(), o + " -> " + n));
  }

  /**
   * {@code link-at}: a new hard link {@code newPath} under {@code newDir} to {@code oldPath}. Never
   * follows a final symlink (following is refused with {@code invalid}, as wasmtime does), so a
   * link can only name an object already beneath this directory.
   */
  public void linkAt(boolean followSymlinks, String oldPath, Descriptor newDir, String newPath)
      throws FsException {
    if (followSymlinks) {
      throw new FsException(
          ErrorCode.INVALID, "link-at '" + oldPath + "': following a symlink is not supported");
    }
    twoPathChange(
        "link-at",
        oldPath,
        newDir,
        newPath,
        ErrorCode.NOT_PERMITTED,
        ErrorCode.EXIST,
        (arena, oldParent, o, newParent, n) -> {
          if (o.last().endsWith("/")) {
            refuseTrailingSlash(arena, oldParent, o);
          }
          Posix.linkat(arena, oldParent, o.last(), newParent, n.last(), o + " -> " + n);
        });
  }

  /**
   * A trailing slash makes the kernel follow a final symlink even in {@code linkat} without {@code
   * AT_SYMLINK_FOLLOW}, and that lookup is not confined: so the name is looked up here, beneath the
   * directory (its own error if that fails: not-permitted for an escape, not-directory for a file),
   * and what it names is a directory, which cannot be hard-linked.
   */
  private static void refuseTrailingSlash(Arena arena, int parent, GuestPath old)
      throws FsException {
    Posix.close(
        Posix.openat2(
            arena, parent, old.last(), Posix.O_PATH | Posix.O_CLOEXEC, 0, Beneath.RESOLVE));
    throw new FsException(
        ErrorCode.NOT_PERMITTED, "link-at '" + old + "': a directory cannot be hard-linked");
  }

  // ---- helpers -------------------------------------------------------------------------------

  @FunctionalInterface
  private interface EntryCall {
    void run(Arena arena, int parent, GuestPath path) throws FsException;
  }

  @FunctionalInterface
  private interface TwoEntryCall {
    void run(Arena arena, int oldParent, GuestPath oldPath, int newParent, GuestPath newPath)
        throws FsException;
  }

  /**
   * Runs a call that changes one directory entry: the parent is opened beneath this directory and
   * the call acts on (parent, final name). A final {@code .} or {@code ..} never reaches the call:
   * it answers {@code dotsCode} (what Linux says) once the path is known to stay inside.
   */
  private void entryChange(String what, String path, ErrorCode dotsCode, EntryCall call)
      throws FsException {
    requireDirectory(what);
    requireWritable(what);
    GuestPath p = GuestPath.of(path);
    int os = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      Beneath.refuseDots(arena, os, p, what, dotsCode);
      int parent = Beneath.openParent(arena, os, p);
      try {
        call.run(arena, parent, p);
      } finally {
        if (parent != os) {
          Posix.close(parent);
        }
      }
    } finally {
      fd.release();
    }
  }

  private void twoPathChange(
      String what,
      String oldPath,
      Descriptor newDir,
      String newPath,
      ErrorCode oldDotsCode,
      ErrorCode newDotsCode,
      TwoEntryCall call)
      throws FsException {
    requireDirectory(what);
    newDir.requireDirectory(what);
    requireWritable(what);
    newDir.requireWritable(what);
    GuestPath o = GuestPath.of(oldPath);
    GuestPath n = GuestPath.of(newPath);
    int oldOs = fd.acquire();
    try (Arena arena = Arena.ofConfined()) {
      int newOs = newDir.fd.acquire();
      try {
        Beneath.refuseDots(arena, oldOs, o, what, oldDotsCode);
        Beneath.refuseDots(arena, newOs, n, what, newDotsCode);
        int oldParent = Beneath.openParent(arena, oldOs, o);
        try {
          int newParent = Beneath.openParent(arena, newOs, n);
          try {
            call.run(arena, oldParent, o, newParent, n);
          } finally {
            if (newParent != newOs) {
              Posix.close(newParent);
            }
          }
        } finally {
          if (oldParent != oldOs) {
            Posix.close(oldParent);
          }
        }
      } finally {
        newDir.fd.release();
      }
    } finally {
      fd.release();
    }
  }

  private static long[] times(NewTimestamp access, NewTimestamp modification) {
    long[] t = new long[4];
    access.toTimespec(t, 0);
    modification.toTimespec(t, 2);
    return t;
  }

  private static void checkOffset(long value) throws FsException {
    if (value < 0) {
      // a filesize is a u64: beyond 2^63 no Linux file can reach
      throw new FsException(
          ErrorCode.FILE_TOO_LARGE, "offset or size beyond 2^63: " + Long.toUnsignedString(value));
    }
  }

  private void requireOpen() throws FsException {
    if (closed) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, "descriptor already closed");
    }
  }

  private void requireFile(String what) throws FsException {
    requireOpen();
    if (directory) {
      throw new FsException(ErrorCode.BAD_DESCRIPTOR, what + " on a directory descriptor");
    }
  }

  private void requireDirectory(String what) throws FsException {
    requireOpen();
    if (!directory) {
      throw new FsException(
          ErrorCode.NOT_DIRECTORY, what + " on a descriptor that is no directory");
    }
  }

  private void requireWritable(String what) throws FsException {
    requireOpen();
    if (readOnly) {
      throw new FsException(ErrorCode.NOT_PERMITTED, what + " under a read-only preopen");
    }
  }
}
