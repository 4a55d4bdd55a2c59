package dev.brio.wasi.filesystem;

import static dev.brio.wasi.filesystem.Posix.O_CLOEXEC;
import static dev.brio.wasi.filesystem.Posix.O_DIRECTORY;
import static dev.brio.wasi.filesystem.Posix.O_NOFOLLOW;
import static dev.brio.wasi.filesystem.Posix.O_PATH;
import static dev.brio.wasi.filesystem.Posix.RESOLVE_BENEATH;
import static dev.brio.wasi.filesystem.Posix.RESOLVE_NO_MAGICLINKS;

import java.lang.foreign.Arena;

/**
 * How a guest path is walked: always by the kernel, beneath a directory descriptor. These open the
 * {@code O_PATH} descriptors the path calls act on; the caller closes what they return.
 */
final class Beneath {
  /**
   * The resolution rules for every guest path: never above the starting directory (EXDEV, which is
   * {@code not-permitted}) and never through {@code /proc}-style magic links.
   */
  static final long RESOLVE = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;

  private Beneath() {}

  /**
   * A final {@code .} or {@code ..} names a directory that is not an entry of its parent: if the
   * whole path stays beneath the directory the call gets {@code code}, otherwise the walk's own
   * error ({@code not-permitted} when it leaves).
   */
  static void refuseDots(Arena arena, int dir, GuestPath p, String what, ErrorCode code)
      throws FsException {
    if (!p.endsInDots()) {
      return;
    }
    Posix.close(Posix.openat2(arena, dir, p.text(), O_PATH | O_CLOEXEC, 0, RESOLVE));
    throw new FsException(code, what + " '" + p + "': the final name is '" + p.name() + "'");
  }

  /** The directory holding the final name: {@code dir} itself, or a new O_PATH descriptor. */
  static int openParent(Arena arena, int dir, GuestPath p) throws FsException {
    if (p.parent().isEmpty()) {
      return dir;
    }
    return Posix.openat2(arena, dir, p.parent(), O_PATH | O_DIRECTORY | O_CLOEXEC, 0, RESOLVE);
  }

  /** An O_PATH descriptor of the object at {@code p}; a final symlink itself unless following. */
  static int openPath(Arena arena, int dir, GuestPath p, boolean follow) throws FsException {
    int flags = O_PATH | O_CLOEXEC | (follow ? 0 : O_NOFOLLOW);
    return Posix.openat2(arena, dir, p.text(), flags, 0, RESOLVE);
  }
}
