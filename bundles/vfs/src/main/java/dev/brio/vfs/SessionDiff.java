package dev.brio.vfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares a session directory with its snapshot. A full rescan walks and hashes the whole session;
 * the touched mode looks only at the paths writers reported (a directory meaning its subtree) and
 * their ancestors, so its cost grows with what changed, not with the tree.
 */
final class SessionDiff {

  private SessionDiff() {}

  static List<Change> fullRescan(Path session, Snapshot snapshot) throws IOException {
    TreeMap<String, Entry> current = new TreeMap<>();
    scan(session, "", current);
    TreeSet<String> paths = new TreeSet<>(snapshot.entries().keySet());
    paths.addAll(current.keySet());
    List<Change> changes = new ArrayList<>();
    for (String path : paths) {
      compare(path, Optional.ofNullable(snapshot.entries().get(path)), current.get(path), changes);
    }
    return changes;
  }

  static List<Change> touched(Path session, Snapshot snapshot, Collection<String> touched)
      throws IOException {
    TreeMap<String, Entry> current = new TreeMap<>();
    TreeSet<String> paths = new TreeSet<>();
    for (String path : touched) {
      if (path.isEmpty()) {
        return fullRescan(session, snapshot); // the root stands for everything
      }
      // Ancestors as single entries: a file written into a new directory adds that directory.
      boolean reachable = true;
      for (String ancestor = RelativePaths.parent(path);
          !ancestor.isEmpty();
          ancestor = RelativePaths.parent(ancestor)) {
        String directory = ancestor;
        Optional<Entry> entry = Entries.read(session.resolve(directory));
        if (paths.add(directory)) {
          entry.ifPresent(e -> current.put(directory, e));
        }
        // Under a symlink (or a file) the path does not exist in the session: never read through
        // a link, which might point out of the session.
        if (entry.filter(Entry::isDirectory).isEmpty()) {
          reachable = false;
          // The directory went away (or became a file or link): so did its snapshot subtree.
          paths.addAll(snapshot.below(directory).keySet());
        }
      }
      paths.add(path);
      Optional<Entry> now =
          reachable ? Entries.read(session.resolve(path)) : Optional.<Entry>empty();
      now.ifPresent(e -> current.put(path, e));
      // A touched directory stands for its subtree, on both sides: a removed or renamed directory
      // takes its snapshot children with it, a new one brings its own.
      if (now.filter(Entry::isDirectory).isPresent()) {
        scan(session, path, current);
      }
      paths.addAll(snapshot.below(path).keySet());
    }
    paths.addAll(current.keySet());
    List<Change> changes = new ArrayList<>();
    for (String path : paths) {
      compare(path, Optional.ofNullable(snapshot.entries().get(path)), current.get(path), changes);
    }
    return changes;
  }

  private static void compare(
      String path, Optional<Entry> before, Entry after, List<Change> changes) {
    if (!Objects.equals(before.orElse(null), after)) {
      changes.add(new Change(path, before, Optional.ofNullable(after)));
    }
  }

  /** Adds every entry strictly below {@code relative} in {@code root}, never following links. */
  static void scan(Path root, String relative, Map<String, Entry> into) throws IOException {
    List<String> subdirectories = new ArrayList<>();
    try (DirectoryStream<Path> children =
        Files.newDirectoryStream(RelativePaths.resolve(root, relative))) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (RelativePaths.ignored(name)) {
          continue;
        }
        String path = RelativePaths.child(relative, name);
        Entry entry =
            Entries.of(
                child,
                Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        if (entry == null) {
          continue;
        }
        into.put(path, entry);
        if (entry.isDirectory()) {
          subdirectories.add(path);
        }
      }
    }
    for (String subdirectory : subdirectories) {
      scan(root, subdirectory, into);
    }
  }
}
