package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a conflict-free change set becomes journal steps against the base as it is now.
 *
 * <p>Files and symlinks are staged next to their target and renamed over it (rename replaces a file
 * or link atomically). A directory the base does not have yet is staged whole, with everything the
 * session put in it, and renamed in with one step, so no half-filled directory is ever visible.
 * Deletions come first, deepest first; permission-only changes come last, deepest first, so a
 * directory losing its write or search bit does not block the steps below it.
 *
 * @param stages what to build before the journal: staging name (relative to the base) to what goes
 *     in it
 * @param ops the journal steps, in order
 */
record CommitPlan(Map<String, Staged> stages, List<JournalOp> ops) {

  /** A staged file or symlink, or a staged directory with its (relative, sorted) content. */
  sealed interface Staged {
    String target();

    /** What the stage holds once built, for the journal. */
    StagedContent expected();
  }

  record StagedEntry(String target, Entry entry) implements Staged {
    @Override
    public StagedContent expected() {
      return StagedContent.of(entry);
    }
  }

  record StagedDirectory(String target, Entry entry, List<Change> content) implements Staged {
    @Override
    public StagedContent expected() {
      SortedMap<String, Entry> inside = new TreeMap<>();
      for (Change change : content) {
        inside.put(change.path().substring(target.length() + 1), change.after().orElseThrow());
      }
      return new StagedContent(entry, inside);
    }
  }

  static CommitPlan of(String sessionId, List<Change> changes, Map<String, Optional<Entry>> now) {
    List<JournalOp.Delete> deletes = new ArrayList<>();
    List<JournalOp.Chmod> chmods = new ArrayList<>();
    Map<String, Staged> stages = new LinkedHashMap<>();
    Map<String, List<Change>> newDirectories = new LinkedHashMap<>();
    int counter = 0;
    for (Change change : changes) { // sorted by path: parents before children
      String path = change.path();
      Optional<String> enclosing = enclosingNewDirectory(path, newDirectories);
      if (enclosing.isPresent()) {
        change.after().ifPresent(e -> newDirectories.get(enclosing.get()).add(change));
        continue;
      }
      Optional<Entry> current = now.getOrDefault(path, Optional.empty());
      Optional<Entry> after = change.after();
      if (current.equals(after)) {
        continue; // the base already holds the session's result
      }
      boolean bothDirectories =
          current.filter(Entry::isDirectory).isPresent()
              && after.filter(Entry::isDirectory).isPresent();
      if (bothDirectories) {
        chmods.add(new JournalOp.Chmod(path, after.get().mode()));
        continue;
      }
      boolean sameContent =
          current.isPresent()
              && after.isPresent()
              && current.get().type() == EntryType.FILE
              && current.get().sameContent(after.get());
      if (sameContent) {
        chmods.add(new JournalOp.Chmod(path, after.get().mode()));
        continue;
      }
      // rename(2) replaces a file or a link, never a directory, and never puts a directory over
      // a file: those paths are cleared first.
      if (current.isPresent()
          && (after.isEmpty() || current.get().isDirectory() || after.get().isDirectory())) {
        deletes.add(new JournalOp.Delete(path, current.get().type()));
      }
      if (after.isEmpty()) {
        continue;
      }
      String stage =
          RelativePaths.child(
              RelativePaths.parent(path), RelativePaths.STAGE_PREFIX + sessionId + "-" + counter++);
      if (after.get().isDirectory()) {
        List<Change> content = new ArrayList<>();
        newDirectories.put(path, content);
        stages.put(stage, new StagedDirectory(path, after.get(), content));
      } else {
        stages.put(stage, new StagedEntry(path, after.get()));
      }
    }
    List<JournalOp> ops = new ArrayList<>();
    deletes.sort(Comparator.comparing(JournalOp.Delete::path).reversed());
    ops.addAll(deletes);
    stages.forEach(
        (stage, staged) ->
            ops.add(new JournalOp.Move(stage, staged.target(), Optional.of(staged.expected()))));
    chmods.sort(Comparator.comparing(JournalOp.Chmod::path).reversed());
    ops.addAll(chmods);
    return new CommitPlan(stages, ops);
  }

  private static Optional<String> enclosingNewDirectory(
      String path, Map<String, List<Change>> newDirectories) {
    for (String ancestor = RelativePaths.parent(path);
        !ancestor.isEmpty();
        ancestor = RelativePaths.parent(ancestor)) {
      if (newDirectories.containsKey(ancestor)) {
        return Optional.of(ancestor);
      }
    }
    return Optional.empty();
  }
}
