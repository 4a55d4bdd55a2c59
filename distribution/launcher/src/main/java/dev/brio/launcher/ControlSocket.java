package dev.brio.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
      return Path.of("/tmp", "brio-" + HexFormat.of().formatHex(digest, 0, 8) + ".sock");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
