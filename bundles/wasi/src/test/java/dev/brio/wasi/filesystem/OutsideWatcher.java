package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Watches a directory tree outside a sandbox root: a snapshot of every entry's type, size, link
 * target, modification, status-change and access times, taken without reading any file. Access
 * times are first set far in the past, so under {@code relatime} any later read of a file moves its
 * access time: {@link #assertUnchanged} then catches reads as well as writes, creations, removals
 * and metadata changes. File contents are hashed only at the very end, against the hashes recorded
 * when the files were created.
 */
final class OutsideWatcher {
  private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000L);

  private final Path dir;
  private final Set<Path> skipped;
  private final Map<String, String> contentHashes = new TreeMap<>();
  private Map<String, String> before;

  /**
   * @param dir the tree to watch
   * @param skipped subtrees of it not to watch (the sandbox roots themselves)
   */
  OutsideWatcher(Path dir, Path... skipped) {
    this.dir = dir;
    this.skipped = Set.of(skipped);
  }

  /** Creates a file in the watched tree and remembers its content hash. */
  void file(String relative, String content) throws IOException {
    Path f = dir.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, content);
    contentHashes.put(relative, sha(Files.readAllBytes(f)));
  }

  /** Ages every access time and takes the snapshot; call after the tree is built. */
  void start() throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
            return skipped.contains(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            if (a.isRegularFile()) {
              Files.getFileAttributeView(
                      f,
                      java.nio.file.attribute.BasicFileAttributeView.class,
                      LinkOption.NOFOLLOW_LINKS)
                  .setTimes(null, LONG_AGO, null);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    before = snapshot();
  }

  /** Fails naming every entry that appeared, vanished or changed (contents included). */
  void assertUnchanged() throws IOException {
    assertEquals(before, snapshot(), "the tree outside the sandbox root changed");
    for (Map.Entry<String, String> e : contentHashes.entrySet()) {
      assertEquals(
          e.getValue(),
          sha(Files.readAllBytes(dir.resolve(e.getKey()))),
          "content outside the root changed: " + e.getKey());
    }
  }

  private Map<String, String> snapshot() throws IOException {
    Map<String, String> out = new TreeMap<>();
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a)
              throws IOException {
            if (skipped.contains(d)) {
              // a sandbox root's own times change with every entry made inside it
              return FileVisitResult.SKIP_SUBTREE;
            }
            out.put(dir.relativize(d) + "/", describe(d));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            out.put(dir.relativize(f).toString(), describe(f));
            return FileVisitResult.CONTINUE;
          }
        });
    return out;
  }

  private static String describe(Path p) throws IOException {
    Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
    StringBuilder s = new StringBuilder();
    s.append("ino=").append(a.get("ino"));
    s.append(" mode=").append(Integer.toOctalString((Integer) a.get("mode")));
    s.append(" nlink=").append(a.get("nlink"));
    s.append(" size=").append(a.get("size"));
    s.append(" mtime=").append(a.get("lastModifiedTime"));
    s.append(" ctime=").append(a.get("ctime"));
    if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      s.append(" atime=").append(a.get("lastAccessTime"));
    }
    if (Files.isSymbolicLink(p)) {
      s.append(" -> ").append(Files.readSymbolicLink(p));
    }
    return s.toString();
  }

  static String sha(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
