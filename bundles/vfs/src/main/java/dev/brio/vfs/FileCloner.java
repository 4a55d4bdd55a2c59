package dev.brio.vfs;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * Copies one regular file, sharing its blocks with the original where the file system can (Linux
 * {@code ioctl(dest, FICLONE, src)} on btrfs, XFS with reflink, bcachefs, ...) and copying the
 * bytes otherwise. The libc calls go through Java's FFM API; a JVM without native access, a
 * non-Linux OS or a file system without reflinks all end in the plain copy.
 */
final class FileCloner {

  /** {@code _IOW(0x94, 9, int)} from linux/fs.h. */
  private static final long FICLONE = 0x40049409L;

  // Linux generic/x86-64/aarch64 values.
  private static final int O_RDONLY = 0;
  private static final int O_WRONLY = 01;
  private static final int O_CREAT = 0100;
  private static final int O_EXCL = 0200;
  private static final int O_NOFOLLOW = 0400000;
  private static final int O_CLOEXEC = 02000000;

  private static final int EXDEV = 18;
  private static final int EINVAL = 22;
  private static final int ENOTTY = 25;
  private static final int EOPNOTSUPP = 95;

  private final Native ffi;

  /** The libc entry points, or absent when this platform or JVM cannot call them. */
  private record Native(
      MethodHandle open,
      MethodHandle ioctl,
      MethodHandle close,
      StructLayout state,
      VarHandle errno) {

    // Calling libc is the point: the JVM is started with --enable-native-access (see the pom's
    // brio.jvm.flags); without it the JDK only warns, and a denial lands in the plain copy.
    @SuppressWarnings("restricted")
    static Native load() {
      if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
        return null;
      }
      try {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        StructLayout state = Linker.Option.captureStateLayout();
        Linker.Option errno = Linker.Option.captureCallState("errno");
        MethodHandle open =
            linker.downcallHandle(
                libc.find("open").orElseThrow(),
                FunctionDescriptor.of(
                    ValueLayout.JAVA_INT,
                    ValueLayout.ADDRESS,
                    ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT),
                errno,
                Linker.Option.firstVariadicArg(2));
        MethodHandle ioctl =
            linker.downcallHandle(
                libc.find("ioctl").orElseThrow(),
                FunctionDescriptor.of(
                    ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_INT,
                    ValueLayout.JAVA_LONG,
                    ValueLayout.JAVA_INT),
                errno,
                Linker.Option.firstVariadicArg(2));
        MethodHandle close =
            linker.downcallHandle(
                libc.find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        VarHandle errnoHandle = state.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        return new Native(open, ioctl, close, state, errnoHandle);
      } catch (RuntimeException unavailable) {
        // IllegalCallerException when native access is denied, NoSuchElementException when libc
        // lacks a symbol: either way the plain copy is the answer.
        return null;
      }
    }
  }

  FileCloner() {
    this.ffi = Native.load();
  }

  /** Whether this JVM can attempt reflinks at all. */
  boolean reflinkAvailable() {
    return ffi != null;
  }

  /**
   * Creates {@code target} (which must not exist) with the bytes of {@code source}, by reflink if
   * possible. The new file is owner-read-write only; the caller sets its final permissions.
   */
  CloneMethod cloneFile(Path source, Path target, CloneStats stats) throws IOException {
    CloneMethod method;
    if (ffi != null && !stats.reflinkUnsupported() && reflink(source, target, stats)) {
      method = CloneMethod.REFLINK;
    } else {
      Files.copy(source, target, LinkOption.NOFOLLOW_LINKS);
      method = CloneMethod.COPY;
    }
    stats.count(method);
    return method;
  }

  /** A cloned file's method and git blob id. */
  record Cloned(CloneMethod method, ObjectId id) {}

  /**
   * Like {@link #cloneFile}, and also hashes the content: from the reflinked copy, or in the same
   * pass as a plain copy (each buffer is hashed as it is written), so a copied file is read once.
   *
   * @param size the source's size, as git's blob header needs it up front
   */
  Cloned cloneAndHash(Path source, Path target, long size, CloneStats stats) throws IOException {
    if (ffi != null && !stats.reflinkUnsupported() && reflink(source, target, stats)) {
      stats.count(CloneMethod.REFLINK);
      return new Cloned(CloneMethod.REFLINK, Entries.fileId(target, Files.size(target)));
    }
    ObjectId id;
    try (InputStream in = Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS);
        OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
      id =
          new ObjectInserter.Formatter()
              .idFor(Constants.OBJ_BLOB, size, new CopyingInputStream(in, out));
      if (in.read() != -1) {
        throw new IOException("changed size while copied: " + source);
      }
    }
    stats.count(CloneMethod.COPY);
    return new Cloned(CloneMethod.COPY, id);
  }

  /** Writes everything read through it to {@code out}. */
  private static final class CopyingInputStream extends FilterInputStream {
    private final OutputStream out;

    CopyingInputStream(InputStream in, OutputStream out) {
      super(in);
      this.out = out;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        out.write(b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        out.write(buffer, offset, n);
      }
      return n;
    }
  }

  /** True when the reflink was made; false (and no target left behind) when it could not be. */
  private boolean reflink(Path source, Path target, CloneStats stats) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(ffi.state());
      int in =
          (int)
              ffi.open()
                  .invokeExact(
                      state,
                      arena.allocateFrom(source.toString()),
                      O_RDONLY | O_NOFOLLOW | O_CLOEXEC,
                      0);
      if (in < 0) {
        return false; // let the plain copy report the real error
      }
      int errno;
      int result;
      try {
        int out =
            (int)
                ffi.open()
                    .invokeExact(
                        state,
                        arena.allocateFrom(target.toString()),
                        O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
                        0600);
        if (out < 0) {
          return false;
        }
        try {
          result = (int) ffi.ioctl().invokeExact(state, out, FICLONE, in);
          errno = (int) ffi.errno().get(state, 0L);
        } finally {
          int ignored = (int) ffi.close().invokeExact(out);
        }
      } finally {
        int ignored = (int) ffi.close().invokeExact(in);
      }
      if (result == 0) {
        return true;
      }
      Files.deleteIfExists(target);
      // These mean "this file system (pair) cannot reflink": stop asking for the rest of the job.
      if (errno == EOPNOTSUPP || errno == EXDEV || errno == EINVAL || errno == ENOTTY) {
        stats.markReflinkUnsupported();
      }
      return false;
    } catch (IOException e) {
      throw e;
    } catch (Throwable unexpected) {
      Files.deleteIfExists(target);
      return false;
    }
  }
}
