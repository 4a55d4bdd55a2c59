package dev.brio.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where a kernel's control socket lives: {@code <data>/brio.sock}, unless that path is too long for
 * a Unix domain socket address (108 bytes on Linux, counting the terminating NUL), as deep build or
 * test directories can be; then {@code /tmp/brio-<digest of the data dir>.sock}. The launcher
 * decides and passes the path to the kernel as the framework property {@value #PROPERTY}, so client
 * and kernel always agree.
 */
public final class ControlSocket {
  public static final String PROPERTY = "brio.control.socket";
  private static final int MAX_ADDRESS_BYTES = 107;

  private ControlSocket() {}

  /**
   * Refuses a socket outside its data directory whose folder is not this user's alone: another
   * local user could be listening there in the kernel's place. (The kernel makes the same check
   * before it binds; the client checks again before it sends anything.)
   */
  static void requireTrusted(Path socket) throws IOException {
    Path dir = socket.getParent();
    boolean fallback =
        Path.of("/tmp").equals(dir.getParent()) && dir.getFileName().toString().startsWith("brio-");
    if (!fallback) {
      return; // the data directory itself: the user chose it
    }
    var me =
        FileSystems.getDefault()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(System.getProperty("user.name"));
    var owner = Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS);
    Set<PosixFilePermission> permissions =
        Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    if (!owner.equals(me)
        || permissions.contains(PosixFilePermission.GROUP_WRITE)
        || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
      throw new IOException(
          "refusing the control socket in %s: owned by %s with %s, not private to %s"
              .formatted(
                  dir, owner.getName(), PosixFilePermissions.toString(permissions), me.getName()));
    }
  }

  public static Path forData(Path dataDir) {
    Path data = dataDir.toAbsolutePath().normalize();
    Path inData = data.resolve("brio.sock");
    if (inData.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_ADDRESS_BYTES) {
      return inData;
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(data.toString().getBytes(StandardCharsets.UTF_8));
      // A folder of this user's own (the kernel creates it 0700 and refuses one that is not),
      // so no other user can listen where clients look for the kernel.
      String user = System.getProperty("user.name").replaceAll("[^A-Za-z0-9._-]", "_");
      return Path.of("/tmp", "brio-" + user, HexFormat.of().formatHex(digest, 0, 8) + ".sock");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
