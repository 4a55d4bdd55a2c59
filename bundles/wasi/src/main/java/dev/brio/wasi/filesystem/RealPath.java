package dev.brio.wasi.filesystem;

import static dev.brio.wasi.filesystem.Posix.AT_EMPTY_PATH;
import static dev.brio.wasi.filesystem.Posix.AT_SYMLINK_NOFOLLOW;
import static dev.brio.wasi.filesystem.Posix.O_CLOEXEC;
import static dev.brio.wasi.filesystem.Posix.O_NOFOLLOW;
import static dev.brio.wasi.filesystem.Posix.O_PATH;
import static dev.brio.wasi.filesystem.Posix.RESOLVE_BENEATH;
import static dev.brio.wasi.filesystem.Posix.RESOLVE_NO_SYMLINKS;

import java.lang.foreign.Arena;
import java.util.Optional;

/**
 * Where an object opened beneath a bound workspace directory really is: its path relative to that
 * directory as the kernel reached it, every symlink and {@code ..} on the way already resolved, not
 * the names the guest used. A session's commit looks only at the reported paths and never reads
 * through a symlink, so a file created through {@code link/New.java} with {@code link -> src/main}
 * must be reported as {@code src/main/New.java}, or the commit would miss it.
 *
 * <p>The kernel tells the path of a descriptor through {@code /proc/self/fd/N}. That text is only
 * believed once checked: walked again from the bound directory without following any symlink, it
 * must reach the same object (a deleted or concurrently moved object, or a name the text cannot
 * carry, fails the check and yields nothing).
 */
final class RealPath {
  private RealPath() {}

  /** The host path the kernel gives for descriptor {@code fd}, or empty if it cannot say. */
  static Optional<String> host(Arena arena, int fd) {
    try {
      byte[] bytes = Posix.readlinkHost(arena, "/proc/self/fd/" + fd);
      return Optional.of(Utf8.decode(bytes, "the path of descriptor " + fd));
    } catch (FsException e) {
      return Optional.empty();
    }
  }

  /**
   * The path of {@code fd} relative to the directory open as {@code dir} whose host path is {@code
   * dirHost}: {@code ""} for that directory itself, empty if it cannot be told or lies elsewhere.
   */
  static Optional<String> beneath(Arena arena, int fd, int dir, String dirHost) {
    return host(arena, fd)
        .flatMap(host -> relativize(host, dirHost))
        .filter(relative -> sameObject(arena, fd, dir, relative));
  }

  /** {@code host} relative to {@code dirHost}, if it lies beneath it and is a normal path. */
  static Optional<String> relativize(String host, String dirHost) {
    if (host.equals(dirHost)) {
      return Optional.of("");
    }
    String prefix = dirHost.endsWith("/") ? dirHost : dirHost + "/";
    if (!host.startsWith(prefix)) {
      return Optional.empty();
    }
    String relative = host.substring(prefix.length());
    for (String step : relative.split("/", -1)) {
      if (step.isEmpty() || step.equals(".") || step.equals("..")) {
        return Optional.empty();
      }
    }
    return Optional.of(relative);
  }

  /** {@code name} in the directory at {@code parent} (both relative, {@code parent} normal). */
  static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  /**
   * Whether {@code relative}, walked from {@code dir} through no symlink at all, names the object
   * open as {@code fd}: what makes the text from {@code /proc} a path a diff can read.
   */
  private static boolean sameObject(Arena arena, int fd, int dir, String relative) {
    try {
      DescriptorStat expected = stat(arena, fd);
      if (relative.isEmpty()) {
        return same(expected, stat(arena, dir));
      }
      int walked =
          Posix.openat2(
              arena,
              dir,
              relative,
              O_PATH | O_NOFOLLOW | O_CLOEXEC,
              0,
              RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS);
      try {
        return same(expected, stat(arena, walked));
      } finally {
        Posix.close(walked);
      }
    } catch (FsException e) {
      return false;
    }
  }

  private static DescriptorStat stat(Arena arena, int fd) throws FsException {
    return DescriptorStat.of(Posix.statx(arena, fd, "", AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
  }

  private static boolean same(DescriptorStat a, DescriptorStat b) {
    return a.device() == b.device() && a.inode() == b.inode();
  }
}
