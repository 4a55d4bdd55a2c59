package dev.brio.vfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What one staged path must hold once staging is complete, kept in the journal so that recovery can
 * tell a complete stage (or a completed rename of it) from one a power loss cut short: the journal
 * is synced in the same round as the stages, so a journal on disk does not prove its stages are.
 *
 * @param entry the staged file, symlink or directory itself
 * @param inside for a staged directory, everything below it (relative paths); empty otherwise
 */
record StagedContent(Entry entry, SortedMap<String, Entry> inside) {

  StagedContent {
    inside = Collections.unmodifiableSortedMap(new TreeMap<>(inside));
  }

  static StagedContent of(Entry entry) {
    return new StagedContent(entry, new TreeMap<>());
  }

  /** Whether {@code path} holds exactly this: same entry, and for a directory the same tree. */
  boolean heldBy(Path path) throws IOException {
    Optional<Entry> now = Entries.read(path);
    if (now.isEmpty() || !now.get().equals(entry)) {
      return false;
    }
    if (!entry.isDirectory()) {
      return true;
    }
    Map<String, Entry> found = new TreeMap<>();
    collect(path, "", found);
    return found.equals(inside);
  }

  private static void collect(Path root, String relative, Map<String, Entry> out)
      throws IOException {
    try (DirectoryStream<Path> children =
        Files.newDirectoryStream(RelativePaths.resolve(root, relative))) {
      for (Path child : children) {
        String path = RelativePaths.child(relative, child.getFileName().toString());
        Optional<Entry> entry = Entries.read(child);
        // A special file (staging never makes one) maps to null, which no expected entry equals.
        out.put(path, entry.orElse(null));
        if (entry.filter(Entry::isDirectory).isPresent()) {
          collect(root, path, out);
        }
      }
    }
  }
}
