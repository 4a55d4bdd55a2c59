package dev.brio.vfs;

import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/** POSIX permission sets as the familiar octal bits, so they fit in a snapshot and a journal. */
final class PosixModes {

  // PosixFilePermission's order is OWNER_READ .. OTHERS_EXECUTE, i.e. octal 0400 down to 0001.
  private static final PosixFilePermission[] BY_BIT = PosixFilePermission.values();

  private PosixModes() {}

  static int toBits(Set<PosixFilePermission> permissions) {
    int bits = 0;
    for (PosixFilePermission permission : permissions) {
      bits |= 1 << (BY_BIT.length - 1 - permission.ordinal());
    }
    return bits;
  }

  static Set<PosixFilePermission> fromBits(int bits) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    for (PosixFilePermission permission : BY_BIT) {
      if ((bits & (1 << (BY_BIT.length - 1 - permission.ordinal()))) != 0) {
        permissions.add(permission);
      }
    }
    return permissions;
  }
}
