package dev.brio.vfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Test helpers: building trees and describing them byte for byte. */
final class Trees {

  private Trees() {}

  /**
   * Every entry below {@code root} except {@code .git}, as path to "type mode content": files with
   * their bytes in hex, symlinks with their target text. Staging leftovers are included on purpose.
   */
  static Map<String, String> describe(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    describe(root, "", out);
    return out;
  }

  private static void describe(Path root, String relative, Map<String, String> out)
      throws IOException {
    try (DirectoryStream<Path> children =
        Files.newDirectoryStream(relative.isEmpty() ? root : root.resolve(relative))) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (name.equals(".git")) {
          continue;
        }
        String path = relative.isEmpty() ? name : relative + "/" + name;
        PosixFileAttributes a =
            Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isSymbolicLink()) {
          out.put(path, "link -> " + Files.readSymbolicLink(child));
        } else if (a.isDirectory()) {
          out.put(path, "dir " + PosixFilePermissions.toString(a.permissions()));
          describe(root, path, out);
        } else {
          out.put(
              path,
              "file "
                  + PosixFilePermissions.toString(a.permissions())
                  + " "
                  + HexFormat.of().formatHex(Files.readAllBytes(child)));
        }
      }
    }
  }

  static Path write(Path root, String relative, String content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return file;
  }

  static Path writeBytes(Path root, String relative, byte[] content) throws IOException {
    Path file = root.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    return file;
  }

  static void chmod(Path path, String permissions) throws IOException {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
  }

  /**
   * A base with nested directories, an empty directory, an executable, a binary file, a symlink
   * inside, a symlink pointing outside the base, a dangling symlink and a {@code .git} directory.
   */
  static void sampleBase(Path base, Path outside) throws IOException {
    Files.createDirectories(base);
    write(base, "README.md", "# sample\n");
    write(base, "src/main/App.java", "class App {}\n");
    write(base, "src/main/util/Strings.java", "class Strings {}\n");
    chmod(write(base, "bin/run.sh", "#!/bin/sh\necho hi\n"), "rwxr-xr-x");
    writeBytes(base, "assets/logo.bin", new byte[] {0, 1, 2, (byte) 0xff, 0, 42});
    Files.createDirectories(base.resolve("empty/nested-empty"));
    write(base, "docs/guide.txt", "guide\n");
    write(base, "old/legacy.txt", "legacy\n");
    Files.createSymbolicLink(base.resolve("link-to-app"), Path.of("src/main/App.java"));
    Files.createDirectories(outside);
    write(outside, "secret.txt", "do not copy me\n");
    Files.createSymbolicLink(base.resolve("escape"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(base.resolve("escape-dir"), outside);
    Files.createSymbolicLink(base.resolve("dangling"), Path.of("no/such/file"));
    write(base, ".git/HEAD", "ref: refs/heads/main\n");
  }
}
