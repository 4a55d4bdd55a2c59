package dev.brio.launcher;

import dev.brio.wasi.filesystem.Preopen;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Parses {@code --dir HOST::GUEST[:ro|:rw]} (or {@code --dir HOST}) into a {@link Preopen}. */
final class DirOption {
  private DirOption() {}

  static Preopen parse(String text, CommandLine cli) {
    String spec = text;
    boolean readOnly = false;
    int sep = spec.indexOf("::");
    String host = sep < 0 ? spec : spec.substring(0, sep);
    String guest = sep < 0 ? spec : spec.substring(sep + 2);
    if (guest.endsWith(":ro") || guest.endsWith(":rw")) {
      readOnly = guest.endsWith(":ro");
      guest = guest.substring(0, guest.length() - 3);
      if (sep < 0) {
        host = guest;
      }
    }
    if (host.isEmpty() || guest.isEmpty()) {
      throw new ParameterException(
          cli, "--dir " + text + ": expected HOST::GUEST, HOST::GUEST:ro or HOST");
    }
    Path dir = Path.of(host).toAbsolutePath().normalize();
    if (!Files.isDirectory(dir)) {
      throw new ParameterException(cli, "--dir " + text + ": " + dir + " is not a directory");
    }
    return new Preopen(dir, guest, readOnly);
  }
}
