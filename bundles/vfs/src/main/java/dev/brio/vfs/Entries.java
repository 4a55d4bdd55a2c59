package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.Optional;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;

/**
 * Reads what a path holds, without following symlinks, and names content the way git does (blob
 * ids), so snapshots, diffs and the optional git commit all agree on what "the same" means.
 */
final class Entries {

  private Entries() {}

  /**
   * The entry at {@code path}, or empty when nothing (or something other than a file, symlink or
   * directory, such as a socket) is there. Regular files are read once to hash them.
   */
  static Optional<Entry> read(Path path) throws IOException {
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (FileSystemException e) {
      // A parent that is now a file: the path cannot exist (ENOTDIR).
      if ("Not a directory".equals(e.getReason())) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.ofNullable(of(path, attributes));
  }

  /** The entry for {@code path} given its (no-follow) attributes; null for special files. */
  static Entry of(Path path, PosixFileAttributes attributes) throws IOException {
    int mode = PosixModes.toBits(attributes.permissions());
    if (attributes.isSymbolicLink()) {
      return new Entry(EntryType.SYMLINK, 0, linkId(Files.readSymbolicLink(path).toString()));
    }
    if (attributes.isDirectory()) {
      return Entry.directory(mode);
    }
    if (attributes.isRegularFile()) {
      return new Entry(EntryType.FILE, mode, fileId(path, attributes.size()));
    }
    return null;
  }

  static ObjectId fileId(Path file, long size) throws IOException {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, size, in);
    }
  }

  static ObjectId linkId(String target) {
    return new ObjectInserter.Formatter()
        .idFor(Constants.OBJ_BLOB, target.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether git would call the file binary (a NUL byte among its first bytes). */
  static boolean looksBinary(Path file) {
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return RawText.isBinary(in);
    } catch (IOException unreadable) {
      return false;
    }
  }
}
