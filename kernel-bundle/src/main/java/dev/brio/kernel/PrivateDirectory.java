package dev.brio.kernel;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The folder the control socket lives in must be this user's alone: the data directory, or the
 * short fallback under /tmp the launcher picks when that path is too long for a socket address. A
 * folder someone else owns or can write to is refused, so no other local user can put a socket of
 * their own where Brio's clients look for the kernel.
 */
final class PrivateDirectory {
  private PrivateDirectory() {}

  static void ensure(Path dir) throws IOException {
    if (Files.notExists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(dir + " is not a directory (a symbolic link is not accepted)");
    }
    var me =
        FileSystems.getDefault()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
    var owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
    if (!owner.equals(me)) {
      throw new IOException(dir + " belongs to " + owner.getName() + ", not to " + me.getName());
    }
    Set<PosixFilePermission> permissions =
        Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    if (permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(
          dir + " is writable by others (" + PosixFilePermissions.toString(permissions) + ")");
    }
  }
}
