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
import java.util.Optional;
import java.util.Set;

/**
 * A {@code wasi:filesystem} descriptor: an open host file or directory, confined to what it was
 * opened as. Every path given to a directory descriptor is resolved by the kernel beneath it
 * ({@code openat2} with {@code RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS}): {@code ..} above it, an
 * absolute symlink or one leading out fail with {@code not-permitted}, and since the check is the
 * lookup itself, swapping a path component for a symlink mid-call cannot redirect it. A read-only
 * descriptor (and everything opened from it) refuses every change with {@code not-permitted}, as
 * wasmtime does; so does a directory descriptor without {@code mutate-directory} for every change
 * of its entries. As in wasmtime, a directory opened by {@code open-at} has the right exactly when
 * the directory it was opened from has it (the preview1 adapter and wasi-libc never ask for it, so
 * requiring the request would break {@code opendir} + {@code unlinkat}); asking for it where the
 * parent lacks it is refused.
 *
 * <p>A {@link WorkspaceRoot}'s own descriptor has no host directory of its own: each call uses the
 * directory bound at that moment ({@code not-permitted} while unbound). What is opened through it
 * belongs to that binding: it reports its changes to the binding's {@link TouchListener}, and
 * answers {@code bad-descriptor} once the root is bound elsewhere. Each change is reported by the
 * {@link RealPath real path} of what changed, as the kernel resolved it, never by the names the
 * guest used: a write through a symlinked directory or {@code ..} names the file it really reached,
 * and a hard link names both its names.
 *
 * <p>Methods throw {@link FsException} with the guest-visible error code; the descriptor stays
 * usable after an error. {@link #close} may be called once the guest drops the handle; streams made
 * from it keep the host file open until they are closed too.
 */
public final class Descriptor implements AutoCloseable {
  /** The most one {@link #read} returns; a guest asking for more gets a short read. */
  static final int MAX_READ = 1 << 20;

  /** The host descriptor; null for a workspace root's own descriptor (see {@link #lease}). */
  private final OsFd fd;

  /** The workspace root this is the own descriptor of, or null. */
  private final WorkspaceRoot root;

  /** The workspace binding this was opened under, or null. */
  private final Binding binding;

  /**
   * Its real path beneath the binding's directory, what a change through it reports: worked out
   * when it is opened for writing, else at its first change; null until then and outside a
   * workspace; empty if it could not be told.
   */
  private volatile Optional<String> realPath;

  private final boolean directory;
  private final boolean readOnly;
  private final Set<DescriptorFlag> flags;
  private volatile boolean closed;

  private Descriptor(
      OsFd fd,
      WorkspaceRoot root,
      Binding binding,
      Optional<String> realPath,
      boolean directory,
      boolean readOnly,
      Set<DescriptorFlag> flags) {
    this.fd = fd;
    this.root = root;
    this.binding = binding;
    this.realPath = realPath;
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
    return new Descriptor(
        new OsFd(fd), null, null, null, true, preopen.readOnly(), preopenFlags(preopen.readOnly()));
  }

  /** The descriptor of a workspace root: whichever directory it is bound to at each call. */
  static Descriptor workspace(WorkspaceRoot root) {
    return new Descriptor(null, root, null, null, true, false, Set.of());
  }

  private static Set<DescriptorFlag> preopenFlags(boolean readOnly) {
    return readOnly
        ? Set.of(DescriptorFlag.READ)
        : Set.of(DescriptorFlag.READ, DescriptorFlag.MUTATE_DIRECTORY);
  }

  /**
   * Whether this descriptor and everything opened from it refuse changes (a workspace root's: as
   * bound now, and refusing while unbound).
   */
  public boolean readOnly() {
    if (root != null) {
      try {
        return root.current().readOnly();
      } catch (FsException unbound) {
        return true;
      }
    }
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
      if (fd != null) {
        if (binding != null) {
          binding.untrack(fd);
        }
        fd.close();
      }
    }
  }

  /**
   * One call's hold on the host directory or file: the descriptor number, and what may be done
   * through it. Closing it gives the reference back.
   */
  private record Lease(
      OsFd fd, int os, Binding binding, boolean readOnly, Set<DescriptorFlag> flags)
      implements AutoCloseable {
    @Override
    public void close() {
      fd.release();
    }

    /** Refuses a change of a directory's entries (or its own times) unless it may be mutated. */
    void requireMutate(String what) throws FsException {
      if (readOnly) {
        throw new FsException(ErrorCode.NOT_PERMITTED, what + " under a read-only preopen");
      }
      if (!flags.contains(DescriptorFlag.MUTATE_DIRECTORY)) {
        throw new FsException(
            ErrorCode.NOT_PERMITTED,
            what + " through a directory descriptor opened without mutate-directory");
      }
    }

    /** Refuses a change of a file under a read-only preopen. */
    void requireWritable(String what) throws FsException {
      if (readOnly) {
        throw new FsException(ErrorCode.NOT_PERMITTED, what + " under a read-only preopen");
      }
    }
  }

  /** Takes hold of the host object for one call (a workspace root: of the bound directory). */
  private Lease lease() throws FsException {
    requireOpen();
    while (root != null) {
      Binding b = root.current();
      try {
        return new Lease(b.fd(), b.fd().acquire(), b, b.readOnly(), preopenFlags(b.readOnly()));
      } catch (FsException rebound) {
        // bound elsewhere between the two calls: the root follows, so try the new binding
        if (root.current() == b) {
          throw rebound;
        }
      }
    }
    return new Lease(fd, fd.acquire(), binding, readOnly, flags);
  }

  /** What reports a change of this file or directory to the workspace, if any. */
  private Runnable touchSelf(Lease l) {
    Binding b = l.binding();
    if (b == null) {
      return () -> {};
    }
    Optional<String> path = selfPath(l);
    return () -> b.touched(path);
  }

  /** Reports a change of this file or directory to the workspace, if any. */
  private void touchedSelf(Lease l) {
    touchSelf(l).run();
  }

  /** This descriptor's real path beneath its binding (of a workspace lease only). */
  private Optional<String> selfPath(Lease l) {
    if (root != null) {
      return Optional.of(""); // the root's own descriptor is the bound directory
    }
    Optional<String> known = realPath;
    if (known == null) {
      known = l.binding().realPath(l.os());
      realPath = known;
    }
    return known;
  }

  /**
   * The real path of the entry {@code p} names in the directory open as {@code parent}, found
   * through {@code l}; only meaningful for a workspace lease (empty otherwise).
   */
  private Optional<String> entryPath(Lease l, int parent, GuestPath p) {
    Binding b = l.binding();
    if (b == null) {
      return Optional.empty();
    }
    // the root's own descriptor is the bound directory: nothing to ask the kernel
    Optional<String> dir = root != null && parent == l.os() ? Optional.of("") : b.realPath(parent);
    return dir.map(d -> RealPath.child(d, p.name()));
  }

  /** Reports {@code changed} to {@code l}'s workspace, if any. */
  private static void touched(Lease l, Optional<String> changed) {
    if (l.binding() != null) {
      l.binding().touched(changed);
    }
  }

  // ---- file contents -------------------------------------------------------------------------

  /** The bytes read and whether the end of the file was reached. */
  public record ReadResult(byte[] data, boolean endOfFile) {}

  /** {@code read}: up to {@code length} bytes (at most {@link #MAX_READ}) at {@code offset}. */
  public ReadResult read(long length, long offset) throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      requireFile("read");
      checkOffset(offset);
      // a length beyond 2^63 arrives negative: as much as one read gives
      int want = length < 0 ? MAX_READ : (int) Math.min(length, MAX_READ);
      int os = l.os();
      if (want == 0) {
        return new ReadResult(new byte[0], false);
      }
      MemorySegment buf = arena.allocate(want);
      long n = Posix.pread(arena, os, buf, offset);
      return new ReadResult(buf.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE), n == 0);
    }
  }

  /**
   * {@code write}: writes {@code data} at {@code offset}, answering how many bytes were written.
   */
  public long write(byte[] data, long offset) throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      requireFile("write");
      l.requireWritable("write");
      checkOffset(offset);
      if (data.length == 0) {
        return 0;
      }
      long n = Posix.pwrite(arena, l.os(), arena.allocateFrom(ValueLayout.JAVA_BYTE, data), offset);
      touchedSelf(l);
      return n;
    }
  }

  /** {@code read-via-stream}: an input stream reading from {@code offset} to the end. */
  public HostInputStream readViaStream(long offset) throws FsException {
    try (Lease l = lease()) {
      if (directory) {
        throw new FsException(ErrorCode.IS_DIRECTORY, "read-via-stream on a directory descriptor");
      }
      checkOffset(offset);
      return new FileInputStream(l.fd(), offset);
    }
  }

  /** {@code write-via-stream}: an output stream writing from {@code offset} on. */
  public HostOutputStream writeViaStream(long offset) throws FsException {
    try (Lease l = lease()) {
      requireFile("write-via-stream");
      l.requireWritable("write-via-stream");
      checkOffset(offset);
      return new FileOutputStream(l.fd(), offset, false, touchSelf(l));
    }
  }

  /** {@code append-via-stream}: an output stream whose every write lands at the end. */
  public HostOutputStream appendViaStream() throws FsException {
    try (Lease l = lease()) {
      requireFile("append-via-stream");
      l.requireWritable("append-via-stream");
      return new FileOutputStream(l.fd(), 0, true, touchSelf(l));
    }
  }

  /** {@code set-size}: truncates or extends the file. */
  public void setSize(long size) throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      requireFile("set-size");
      l.requireWritable("set-size");
      checkOffset(size);
      Posix.ftruncate(arena, l.os(), size);
      touchedSelf(l);
    }
  }

  /** {@code advise}: passes the access-pattern hint to the kernel. */
  public void advise(long offset, long length, Advice advice) throws FsException {
    try (Lease l = lease()) {
      requireFile("advise");
      checkOffset(offset);
      checkOffset(length);
      Posix.fadvise(l.os(), offset, length, advice.posix);
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
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      Posix.fsync(arena, l.os(), dataOnly);
    }
  }

  // ---- metadata ------------------------------------------------------------------------------

  /** {@code get-flags}: how this descriptor was opened. */
  public Set<DescriptorFlag> getFlags() throws FsException {
    try (Lease l = lease()) {
      return l.flags();
    }
  }

  /** {@code get-type}; the one question an unbound workspace root answers. */
  public DescriptorType getType() throws FsException {
    // a workspace root is a directory bound or not: the preview1 adapter asks every preopen's type
    // at start-up and traps on an error
    if (directory) {
      requireOpen();
      return DescriptorType.DIRECTORY;
    }
    return stat().type();
  }

  /** {@code stat}. */
  public DescriptorStat stat() throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      return DescriptorStat.of(Posix.statx(arena, l.os(), "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
    }
  }

  /** {@code set-times}. */
  public void setTimes(NewTimestamp access, NewTimestamp modification) throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      // a directory's times are its to change only with mutate-directory, as in wasmtime
      if (directory) {
        l.requireMutate("set-times");
      } else {
        l.requireWritable("set-times");
      }
      long[] times = times(access, modification);
      Posix.utimensat(arena, l.os(), "", times, AT_EMPTY_PATH, null);
      touchedSelf(l);
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

  /**
   * {@code open-at}. Creating or truncating changes this directory: it needs {@code
   * mutate-directory}. A directory opened here inherits this one's {@code mutate-directory}; asking
   * for it where this one lacks it answers {@code not-permitted}.
   */
  public Descriptor openAt(
      boolean followSymlinks, String path, Set<OpenFlag> open, Set<DescriptorFlag> requested)
      throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
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
      if (l.readOnly() && (write || create)) {
        throw new FsException(
            ErrorCode.NOT_PERMITTED, "open-at '" + p + "' for writing under a read-only preopen");
      }
      if (create || truncate) {
        l.requireMutate("open-at '" + p + "' with " + (create ? "create" : "truncate"));
      }
      if (requested.contains(DescriptorFlag.MUTATE_DIRECTORY)) {
        l.requireMutate("open-at '" + p + "' with mutate-directory");
      }
      int opened =
          Posix.openat2(
              arena,
              l.os(),
              path,
              oflags(open, requested, read, write, followSymlinks),
              0666,
              Beneath.RESOLVE);
      boolean isDir;
      try {
        isDir =
            DescriptorStat.of(Posix.statx(arena, opened, "", AT_EMPTY_PATH)).type()
                == DescriptorType.DIRECTORY;
      } catch (FsException e) {
        Posix.close(opened);
        throw e;
      }
      // where it really is (symlinks on the way resolved): what its changes report
      Optional<String> openedPath =
          l.binding() != null && write ? l.binding().realPath(opened) : null;
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
      if (isDir && !l.readOnly() && l.flags().contains(DescriptorFlag.MUTATE_DIRECTORY)) {
        f.add(DescriptorFlag.MUTATE_DIRECTORY);
      }
      Descriptor child = child(l, new OsFd(opened), openedPath, isDir, f);
      if (create || truncate) {
        try {
          touched(l, openedPath);
        } catch (RuntimeException listenerFailed) {
          child.close(); // the guest never gets it
          throw listenerFailed;
        }
      }
      return child;
    }
  }

  /** The open(2) flags for an {@code open-at}. */
  private static int oflags(
      Set<OpenFlag> open,
      Set<DescriptorFlag> requested,
      boolean read,
      boolean write,
      boolean followSymlinks) {
    int oflags = (read && write) ? O_RDWR : write ? O_WRONLY : O_RDONLY;
    oflags |= O_CLOEXEC | O_NOCTTY;
    if (open.contains(OpenFlag.CREATE)) {
      oflags |= O_CREAT;
    }
    if (open.contains(OpenFlag.EXCLUSIVE)) {
      oflags |= O_EXCL;
    }
    if (open.contains(OpenFlag.TRUNCATE)) {
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
    return oflags;
  }

  /**
   * A descriptor opened through {@code l}: in its workspace binding, if any, with its real path
   * there if already known.
   */
  private static Descriptor child(
      Lease l, OsFd opened, Optional<String> realPath, boolean isDir, Set<DescriptorFlag> f) {
    Binding b = l.binding();
    if (b == null) {
      return new Descriptor(opened, null, null, null, isDir, l.readOnly(), f);
    }
    b.track(opened);
    return new Descriptor(opened, null, b, realPath, isDir, l.readOnly(), f);
  }

  /** {@code read-directory}: a stream of the entries, without {@code .} and {@code ..}. */
  public DirectoryEntryStream readDirectory() throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      requireDirectory("read-directory");
      // a descriptor of its own, so the listing has its own position
      OsFd listing =
          new OsFd(
              Posix.openat2(
                  arena, l.os(), ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0, Beneath.RESOLVE));
      if (l.binding() != null) {
        l.binding().track(listing);
      }
      return new DirectoryEntryStream(listing);
    }
  }

  /** {@code stat-at}. */
  public DescriptorStat statAt(boolean followSymlinks, String path) throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      requireDirectory("stat-at");
      GuestPath p = GuestPath.of(path);
      int target = Beneath.openPath(arena, l.os(), p, followSymlinks);
      try {
        return DescriptorStat.of(
            Posix.statx(arena, target, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
      } finally {
        Posix.close(target);
      }
    }
  }

  /** {@code metadata-hash-at}. */
  public MetadataHash metadataHashAt(boolean followSymlinks, String path) throws FsException {
    return MetadataHash.of(statAt(followSymlinks, path));
  }

  /** {@code set-times-at}: needs {@code mutate-directory}, as in wasmtime. */
  public void setTimesAt(
      boolean followSymlinks, String path, NewTimestamp access, NewTimestamp modification)
      throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      requireDirectory("set-times-at");
      l.requireMutate("set-times-at");
      GuestPath p = GuestPath.of(path);
      long[] times = times(access, modification);
      int target = Beneath.openPath(arena, l.os(), p, followSymlinks);
      Optional<String> changed;
      try {
        Posix.utimensat(arena, target, "", times, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW, p.text());
        changed = l.binding() == null ? Optional.empty() : l.binding().realPath(target);
      } finally {
        Posix.close(target);
      }
      touched(l, changed);
    }
  }

  /** {@code readlink-at}: the symlink's contents. */
  public String readlinkAt(String path) throws FsException {
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      requireDirectory("readlink-at");
      GuestPath p = GuestPath.of(path);
      int target = Beneath.openPath(arena, l.os(), p, false);
      try {
        return Utf8.decode(Posix.readlinkEmpty(arena, target, p.text()), "readlink-at '" + p + "'");
      } finally {
        Posix.close(target);
      }
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
    try (Lease l = lease();
        Arena arena = Arena.ofConfined()) {
      requireDirectory(what);
      l.requireMutate(what);
      GuestPath p = GuestPath.of(path);
      int os = l.os();
      Beneath.refuseDots(arena, os, p, what, dotsCode);
      int parent = Beneath.openParent(arena, os, p);
      Optional<String> changed;
      try {
        call.run(arena, parent, p);
        changed = entryPath(l, parent, p);
      } finally {
        if (parent != os) {
          Posix.close(parent);
        }
      }
      touched(l, changed);
    }
  }

  /**
   * Runs a call that changes an entry of this directory and one of {@code newDir} (both need {@code
   * mutate-directory}). Both paths are reported: a rename changes both, and after a hard link a
   * write through either name changes what the other shows.
   */
  private void twoPathChange(
      String what,
      String oldPath,
      Descriptor newDir,
      String newPath,
      ErrorCode oldDotsCode,
      ErrorCode newDotsCode,
      TwoEntryCall call)
      throws FsException {
    try (Lease l = lease();
        Lease nl = newDir.lease();
        Arena arena = Arena.ofConfined()) {
      requireDirectory(what);
      newDir.requireDirectory(what);
      l.requireMutate(what);
      nl.requireMutate(what);
      GuestPath o = GuestPath.of(oldPath);
      GuestPath n = GuestPath.of(newPath);
      int oldOs = l.os();
      int newOs = nl.os();
      Beneath.refuseDots(arena, oldOs, o, what, oldDotsCode);
      Beneath.refuseDots(arena, newOs, n, what, newDotsCode);
      int oldParent = Beneath.openParent(arena, oldOs, o);
      Optional<String> oldChanged;
      Optional<String> newChanged;
      try {
        int newParent = Beneath.openParent(arena, newOs, n);
        try {
          call.run(arena, oldParent, o, newParent, n);
          oldChanged = entryPath(l, oldParent, o);
          newChanged = newDir.entryPath(nl, newParent, n);
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
      touched(l, oldChanged);
      touched(nl, newChanged);
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
}
