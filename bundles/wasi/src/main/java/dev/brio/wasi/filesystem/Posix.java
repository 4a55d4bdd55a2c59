package dev.brio.wasi.filesystem;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * The Linux system calls the sandbox is built from, called through Java's FFM API. Every path a
 * guest names is resolved by {@code openat2(2)} with {@code RESOLVE_BENEATH}, so the kernel, not
 * this code, keeps the walk inside the directory: there is no check-then-use window to race. The
 * other calls only ever see a directory descriptor plus one final name, or an {@code O_PATH}
 * descriptor and the empty path.
 *
 * <p>Each method returns the call's result or throws {@link FsException} with the errno's WASI code
 * and a message naming the call and the path.
 */
final class Posix {
  // Linux open(2) flags common to x86-64 and aarch64.
  static final int O_RDONLY = 0;
  static final int O_WRONLY = 01;
  static final int O_RDWR = 02;
  static final int O_CREAT = 0100;
  static final int O_EXCL = 0200;
  static final int O_NOCTTY = 0400;
  static final int O_TRUNC = 01000;
  static final int O_APPEND = 02000;
  static final int O_NONBLOCK = 04000;
  static final int O_DSYNC = 010000;
  static final int O_SYNC = 04010000;
  static final int O_CLOEXEC = 02000000;
  static final int O_PATH = 010000000;
  // These two differ between the architectures.
  static final int O_DIRECTORY;
  static final int O_NOFOLLOW;

  static final int AT_SYMLINK_NOFOLLOW = 0x100;
  static final int AT_REMOVEDIR = 0x200;
  static final int AT_EMPTY_PATH = 0x1000;

  /** {@code AT_FDCWD}: a path that is not relative to any directory descriptor. */
  private static final int AT_FDCWD = -100;

  static final long RESOLVE_NO_MAGICLINKS = 0x02;
  static final long RESOLVE_NO_SYMLINKS = 0x04;
  static final long RESOLVE_BENEATH = 0x08;

  static final long UTIME_NOW = (1L << 30) - 1;
  static final long UTIME_OMIT = (1L << 30) - 2;

  /**
   * {@code SYS_openat2}: one number on every architecture (it came after the table unification).
   */
  private static final long SYS_OPENAT2 = 437;

  /** {@code STATX_BASIC_STATS}. */
  private static final int STATX_BASIC_STATS = 0x7ff;

  private static final String ARCH = System.getProperty("os.arch", "");

  static {
    if (ARCH.equals("aarch64")) {
      O_DIRECTORY = 040000;
      O_NOFOLLOW = 0100000;
    } else {
      O_DIRECTORY = 0200000;
      O_NOFOLLOW = 0400000;
    }
  }

  private static final StructLayout OPEN_HOW =
      MemoryLayout.structLayout(
          ValueLayout.JAVA_LONG.withName("flags"),
          ValueLayout.JAVA_LONG.withName("mode"),
          ValueLayout.JAVA_LONG.withName("resolve"));

  /** {@code struct statx} is 256 bytes on every architecture. */
  static final long STATX_SIZE = 256;

  private static volatile Calls calls;

  private Posix() {}

  /** The bound entry points; loaded once, failing loudly where the sandbox cannot exist. */
  private record Calls(
      MethodHandle syscall4,
      MethodHandle open,
      MethodHandle close,
      MethodHandle pread,
      MethodHandle pwrite,
      MethodHandle pwritev2,
      MethodHandle statx,
      MethodHandle mkdirat,
      MethodHandle unlinkat,
      MethodHandle renameat,
      MethodHandle symlinkat,
      MethodHandle readlinkat,
      MethodHandle linkat,
      MethodHandle utimensat,
      MethodHandle ftruncate,
      MethodHandle fsync,
      MethodHandle fdatasync,
      MethodHandle fadvise,
      MethodHandle getdents64,
      StructLayout state,
      VarHandle errno) {}

  // Calling libc is the point: the JVM runs with --enable-native-access (the parent pom's
  // brio.jvm.flags).
  @SuppressWarnings("restricted")
  private static Calls load() {
    if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
        || !(ARCH.equals("amd64") || ARCH.equals("x86_64") || ARCH.equals("aarch64"))) {
      throw new UnsupportedOperationException(
          "wasi:filesystem needs Linux on x86-64 or aarch64 (openat2 with RESOLVE_BENEATH);"
              + " this is "
              + System.getProperty("os.name")
              + " on "
              + ARCH);
    }
    Linker linker = Linker.nativeLinker();
    SymbolLookup libc = linker.defaultLookup();
    StructLayout state = Linker.Option.captureStateLayout();
    Linker.Option errno = Linker.Option.captureCallState("errno");
    ValueLayout i = ValueLayout.JAVA_INT;
    ValueLayout l = ValueLayout.JAVA_LONG;
    ValueLayout a = ValueLayout.ADDRESS;
    return new Calls(
        bind(linker, libc, "syscall", FunctionDescriptor.of(l, l, l, a, a, l), errno, 1),
        bind(linker, libc, "open", FunctionDescriptor.of(i, a, i, i), errno, 2),
        bind(linker, libc, "close", FunctionDescriptor.of(i, i), errno, -1),
        bind(linker, libc, "pread64", FunctionDescriptor.of(l, i, a, l, l), errno, -1),
        bind(linker, libc, "pwrite64", FunctionDescriptor.of(l, i, a, l, l), errno, -1),
        bind(linker, libc, "pwritev2", FunctionDescriptor.of(l, i, a, i, l, i), errno, -1),
        bind(linker, libc, "statx", FunctionDescriptor.of(i, i, a, i, i, a), errno, -1),
        bind(linker, libc, "mkdirat", FunctionDescriptor.of(i, i, a, i), errno, -1),
        bind(linker, libc, "unlinkat", FunctionDescriptor.of(i, i, a, i), errno, -1),
        bind(linker, libc, "renameat", FunctionDescriptor.of(i, i, a, i, a), errno, -1),
        bind(linker, libc, "symlinkat", FunctionDescriptor.of(i, a, i, a), errno, -1),
        bind(linker, libc, "readlinkat", FunctionDescriptor.of(l, i, a, a, l), errno, -1),
        bind(linker, libc, "linkat", FunctionDescriptor.of(i, i, a, i, a, i), errno, -1),
        bind(linker, libc, "utimensat", FunctionDescriptor.of(i, i, a, a, i), errno, -1),
        bind(linker, libc, "ftruncate64", FunctionDescriptor.of(i, i, l), errno, -1),
        bind(linker, libc, "fsync", FunctionDescriptor.of(i, i), errno, -1),
        bind(linker, libc, "fdatasync", FunctionDescriptor.of(i, i), errno, -1),
        // posix_fadvise returns the error number instead of setting errno
        bind(linker, libc, "posix_fadvise64", FunctionDescriptor.of(i, i, l, l, i), null, -1),
        bind(linker, libc, "getdents64", FunctionDescriptor.of(l, i, a, l), errno, -1),
        state,
        state.varHandle(MemoryLayout.PathElement.groupElement("errno")));
  }

  @SuppressWarnings("restricted")
  private static MethodHandle bind(
      Linker linker,
      SymbolLookup libc,
      String name,
      FunctionDescriptor type,
      Linker.Option errno,
      int firstVariadic) {
    MemorySegment symbol =
        libc.find(name)
            .orElseThrow(
                () ->
                    new UnsupportedOperationException(
                        "libc lacks " + name + "(), needed by wasi:filesystem"));
    if (errno == null) {
      return linker.downcallHandle(symbol, type);
    }
    return firstVariadic < 0
        ? linker.downcallHandle(symbol, type, errno)
        : linker.downcallHandle(symbol, type, errno, Linker.Option.firstVariadicArg(firstVariadic));
  }

  private static Calls calls() {
    Calls c = calls;
    if (c == null) {
      synchronized (Posix.class) {
        c = calls;
        if (c == null) {
          c = load();
          calls = c;
        }
      }
    }
    return c;
  }

  /**
   * Fails unless this kernel has {@code openat2}: without it there is no race-free way to keep a
   * walk beneath a directory, and this package does not fall back to a weaker one.
   */
  static void requireOpenat2() {
    try (Arena arena = Arena.ofConfined()) {
      openat2(arena, -1, ".", O_PATH | O_CLOEXEC, 0, RESOLVE_BENEATH);
    } catch (FsException e) {
      if (e.code() == ErrorCode.UNSUPPORTED) {
        throw new UnsupportedOperationException(e.getMessage());
      }
      // EBADF on fd -1 is the expected answer of a kernel that has the call
    }
  }

  private static FsException fail(int errno, String call, String path) {
    return fail(ErrorCode.fromErrno(errno), errno, call, path);
  }

  static FsException fail(ErrorCode code, int errno, String call, String path) {
    return new FsException(
        code, call + (path == null ? "" : " '" + path + "'") + " failed (errno " + errno + ")");
  }

  private static int errno(Calls c, MemorySegment state) {
    return (int) c.errno().get(state, 0L);
  }

  private static RuntimeException unexpected(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("native call failed", t);
  }

  /** {@code openat2(dirfd, path, {flags, mode, resolve})}, retried while the kernel says EAGAIN. */
  static int openat2(Arena arena, int dirfd, String path, int flags, int mode, long resolve)
      throws FsException {
    Calls c = calls();
    MemorySegment how = arena.allocate(OPEN_HOW);
    how.set(ValueLayout.JAVA_LONG, 0, flags & 0xffffffffL);
    how.set(ValueLayout.JAVA_LONG, 8, (flags & O_CREAT) != 0 ? mode : 0);
    how.set(ValueLayout.JAVA_LONG, 16, resolve);
    MemorySegment p = arena.allocateFrom(path);
    MemorySegment state = arena.allocate(c.state());
    // RESOLVE_BENEATH gives EAGAIN when a rename elsewhere raced with a ".." step: try again.
    for (int attempt = 0; ; attempt++) {
      long r;
      try {
        r =
            (long)
                c.syscall4()
                    .invokeExact(state, SYS_OPENAT2, (long) dirfd, p, how, OPEN_HOW.byteSize());
      } catch (Throwable t) {
        throw unexpected(t);
      }
      if (r >= 0) {
        return (int) r;
      }
      int e = errno(c, state);
      if (e == Errno.EAGAIN && attempt < 64) {
        continue;
      }
      if (e == Errno.ENOSYS) {
        throw fail(
            ErrorCode.UNSUPPORTED, e, "openat2 (this kernel lacks it; Linux 5.6+ needed)", path);
      }
      throw fail(e, "open", path);
    }
  }

  /** {@code open(path, flags)} of a host path the embedder chose (a preopen's root). */
  static int openHost(Arena arena, String path, int flags) throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    int r;
    try {
      r = (int) c.open().invokeExact(state, arena.allocateFrom(path), flags, 0);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "open", path);
    }
    return r;
  }

  static void close(int fd) {
    Calls c = calls();
    try (Arena arena = Arena.ofConfined()) {
      // close(2) releases the descriptor even when it reports an error: nothing to retry
      int ignored = (int) c.close().invokeExact(arena.allocate(c.state()), fd);
    } catch (Throwable t) {
      throw unexpected(t);
    }
  }

  static long pread(Arena arena, int fd, MemorySegment buf, long offset) throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    long r;
    try {
      r = (long) c.pread().invokeExact(state, fd, buf, buf.byteSize(), offset);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "read", null);
    }
    return r;
  }

  static long pwrite(Arena arena, int fd, MemorySegment buf, long offset) throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    long r;
    try {
      r = (long) c.pwrite().invokeExact(state, fd, buf, buf.byteSize(), offset);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "write", null);
    }
    return r;
  }

  /** {@code RWF_APPEND}: this write goes to the end of the file, whatever the offset. */
  private static final int RWF_APPEND = 0x10;

  /** Appends {@code buf} at the end of the file in one call, as {@code O_APPEND} would. */
  static long append(Arena arena, int fd, MemorySegment buf) throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    MemorySegment iov = arena.allocate(16, 8);
    iov.set(ValueLayout.ADDRESS, 0, buf);
    iov.set(ValueLayout.JAVA_LONG, 8, buf.byteSize());
    long r;
    try {
      r = (long) c.pwritev2().invokeExact(state, fd, iov, 1, -1L, RWF_APPEND);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "append", null);
    }
    return r;
  }

  /** {@code statx(fd, path, flags, BASIC_STATS, buf)}; the result is {@link #STATX_SIZE} bytes. */
  static MemorySegment statx(Arena arena, int fd, String path, int flags) throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    MemorySegment buf = arena.allocate(STATX_SIZE, 8);
    int r;
    try {
      r =
          (int)
              c.statx()
                  .invokeExact(state, fd, arena.allocateFrom(path), flags, STATX_BASIC_STATS, buf);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "stat", path.isEmpty() ? null : path);
    }
    return buf;
  }

  static void mkdirat(Arena arena, int dirfd, String name, int mode, String path)
      throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    int r;
    try {
      r = (int) c.mkdirat().invokeExact(state, dirfd, arena.allocateFrom(name), mode);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "create-directory", path);
    }
  }

  static void unlinkat(Arena arena, int dirfd, String name, int flags, String path)
      throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    int r;
    try {
      r = (int) c.unlinkat().invokeExact(state, dirfd, arena.allocateFrom(name), flags);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(
          errno(c, state), (flags & AT_REMOVEDIR) != 0 ? "remove-directory" : "unlink", path);
    }
  }

  static void renameat(
      Arena arena, int oldfd, String oldName, int newfd, String newName, String path)
      throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    int r;
    try {
      r =
          (int)
              c.renameat()
                  .invokeExact(
                      state,
                      oldfd,
                      arena.allocateFrom(oldName),
                      newfd,
                      arena.allocateFrom(newName));
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      int e = errno(c, state);
      throw fail(ErrorCode.fromLinkErrno(e), e, "rename", path);
    }
  }

  static void symlinkat(Arena arena, String target, int dirfd, String name, String path)
      throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    int r;
    try {
      r =
          (int)
              c.symlinkat()
                  .invokeExact(state, arena.allocateFrom(target), dirfd, arena.allocateFrom(name));
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "symlink", path);
    }
  }

  /** The raw bytes of the symlink {@code fd} (an {@code O_PATH|O_NOFOLLOW} descriptor) holds. */
  static byte[] readlinkEmpty(Arena arena, int fd, String path) throws FsException {
    return readlink(arena, fd, "", path);
  }

  /**
   * The raw bytes of the host symlink at the absolute {@code path} the embedder chose, e.g. {@code
   * /proc/self/fd/N}, where the kernel tells the path it reached a descriptor by.
   */
  static byte[] readlinkHost(Arena arena, String path) throws FsException {
    return readlink(arena, AT_FDCWD, path, path);
  }

  private static byte[] readlink(Arena arena, int fd, String name, String path) throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    MemorySegment n = arena.allocateFrom(name);
    for (long size = 256; ; size *= 4) {
      MemorySegment buf = arena.allocate(size);
      long r;
      try {
        r = (long) c.readlinkat().invokeExact(state, fd, n, buf, size);
      } catch (Throwable t) {
        throw unexpected(t);
      }
      if (r < 0) {
        int e = errno(c, state);
        // on a descriptor that is no symlink, readlinkat(fd, "") answers ENOENT: a readlink of a
        // non-symlink is EINVAL everywhere else
        throw fail(e == Errno.ENOENT && name.isEmpty() ? Errno.EINVAL : e, "readlink", path);
      }
      if (r < size) {
        return buf.asSlice(0, r).toArray(ValueLayout.JAVA_BYTE);
      }
    }
  }

  static void linkat(Arena arena, int oldfd, String oldName, int newfd, String newName, String path)
      throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    int r;
    try {
      r =
          (int)
              c.linkat()
                  .invokeExact(
                      state,
                      oldfd,
                      arena.allocateFrom(oldName),
                      newfd,
                      arena.allocateFrom(newName),
                      0);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      int e = errno(c, state);
      throw fail(ErrorCode.fromLinkErrno(e), e, "link", path);
    }
  }

  /** {@code utimensat(fd, name, times, flags)}; {@code times} holds two {@code timespec}s. */
  static void utimensat(Arena arena, int fd, String name, long[] times, int flags, String path)
      throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    MemorySegment ts = arena.allocateFrom(ValueLayout.JAVA_LONG, times);
    int r;
    try {
      r = (int) c.utimensat().invokeExact(state, fd, arena.allocateFrom(name), ts, flags);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "set-times", path);
    }
  }

  static void ftruncate(Arena arena, int fd, long size) throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    int r;
    try {
      r = (int) c.ftruncate().invokeExact(state, fd, size);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "set-size", null);
    }
  }

  static void fsync(Arena arena, int fd, boolean dataOnly) throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    int r;
    try {
      r =
          dataOnly
              ? (int) c.fdatasync().invokeExact(state, fd)
              : (int) c.fsync().invokeExact(state, fd);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), dataOnly ? "sync-data" : "sync", null);
    }
  }

  static void fadvise(int fd, long offset, long length, int advice) throws FsException {
    Calls c = calls();
    int r;
    try {
      r = (int) c.fadvise().invokeExact(fd, offset, length, advice);
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r != 0) {
      throw fail(r, "advise", null);
    }
  }

  /** Fills {@code buf} with {@code linux_dirent64} records; 0 at the end of the directory. */
  static long getdents64(Arena arena, int fd, MemorySegment buf) throws FsException {
    Calls c = calls();
    MemorySegment state = arena.allocate(c.state());
    long r;
    try {
      r = (long) c.getdents64().invokeExact(state, fd, buf, buf.byteSize());
    } catch (Throwable t) {
      throw unexpected(t);
    }
    if (r < 0) {
      throw fail(errno(c, state), "read-directory", null);
    }
    return r;
  }
}
