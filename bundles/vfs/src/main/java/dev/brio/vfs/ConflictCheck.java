package dev.brio.vfs;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares the base as it is now with the snapshot, at the paths the session changed only: the cost
 * follows the change set, and a base edit elsewhere is no conflict and is kept.
 *
 * @param current the base's entry now at every changed path that could be read safely
 * @param conflicts the changed paths where the base moved too, sorted
 */
record ConflictCheck(Map<String, Optional<Entry>> current, List<String> conflicts) {

  static ConflictCheck run(Path base, Snapshot snapshot, List<Change> changes) throws IOException {
    Set<String> createdDirectories =
        changes.stream()
            .filter(c -> c.after().filter(Entry::isDirectory).isPresent())
            .map(Change::path)
            .collect(Collectors.toSet());
    Map<String, Parent> parents = new HashMap<>();
    Map<String, Optional<Entry>> current = new HashMap<>();
    TreeSet<String> conflicts = new TreeSet<>();
    for (Change change : changes) {
      String path = change.path();
      Parent parent = parent(base, RelativePaths.parent(path), createdDirectories, parents);
      if (parent == Parent.UNUSABLE) {
        // An ancestor became a symlink or a file, or vanished: never write through it.
        conflicts.add(path);
        continue;
      }
      // Below a directory the commit creates nothing exists yet, and whatever sits at that
      // directory's path now (maybe a symlink out of the base) must not be read through.
      Optional<Entry> now =
          parent == Parent.CREATED ? Optional.empty() : Entries.read(base.resolve(path));
      current.put(path, now);
      if (!compatible(now, change)) {
        conflicts.add(path);
      } else if (removesDirectory(now, change)) {
        conflicts.addAll(strangers(base, path, snapshot));
      }
    }
    return new ConflictCheck(current, List.copyOf(conflicts));
  }

  private static boolean compatible(Optional<Entry> now, Change change) {
    if (now.equals(change.before()) || now.equals(change.after())) {
      return true; // untouched since begin, or already holds exactly the session's result
    }
    boolean nowDirectory = now.filter(Entry::isDirectory).isPresent();
    boolean wasDirectory = change.before().filter(Entry::isDirectory).isPresent();
    boolean willBeDirectory = change.after().filter(Entry::isDirectory).isPresent();
    // Both sides made the same directory, or the session removes a directory whose mode the base
    // changed: nothing of the base's is lost. (A non-empty one is caught by strangers().)
    return nowDirectory && (willBeDirectory ? !wasDirectory : wasDirectory);
  }

  private static boolean removesDirectory(Optional<Entry> now, Change change) {
    return now.filter(Entry::isDirectory).isPresent()
        && change.after().filter(Entry::isDirectory).isEmpty();
  }

  /** Children the base has in a directory the session removes, that the snapshot does not know. */
  private static List<String> strangers(Path base, String directory, Snapshot snapshot)
      throws IOException {
    List<String> found = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(base.resolve(directory))) {
      for (Path child : children) {
        String path = RelativePaths.child(directory, child.getFileName().toString());
        if (!snapshot.entries().containsKey(path)) {
          found.add(path);
        }
      }
    }
    return found;
  }

  /** What a changed path's parent is in the base now. */
  private enum Parent {
    /** A real directory of the base, every ancestor too: safe to read and write below. */
    DIRECTORY,
    /** Not a directory now; the commit creates it. */
    CREATED,
    /** Not a directory and the commit does not create one: the base moved under the session. */
    UNUSABLE
  }

  private static Parent parent(
      Path base, String parent, Set<String> createdDirectories, Map<String, Parent> verdicts)
      throws IOException {
    if (parent.isEmpty()) {
      return Parent.DIRECTORY;
    }
    Parent known = verdicts.get(parent);
    if (known != null) {
      return known;
    }
    Parent above = parent(base, RelativePaths.parent(parent), createdDirectories, verdicts);
    Parent verdict;
    if (above == Parent.UNUSABLE) {
      verdict = Parent.UNUSABLE;
    } else if (above == Parent.DIRECTORY
        && Entries.read(base.resolve(parent)).filter(Entry::isDirectory).isPresent()) {
      verdict = Parent.DIRECTORY;
    } else {
      verdict = createdDirectories.contains(parent) ? Parent.CREATED : Parent.UNUSABLE;
    }
    verdicts.put(parent, verdict);
    return verdict;
  }
}
