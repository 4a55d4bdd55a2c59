package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import dev.brio.api.session.Rename;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Pairs deletions with additions of identical content (same type and content id), the exact part of
 * git's rename detection. Similar-but-edited renames are not detected: they stay a deletion and an
 * addition, which is also how the commit applies them.
 */
final class Renames {

  private Renames() {}

  static List<Rename> exact(List<Change> changes) {
    Map<Key, Deque<String>> deleted = new HashMap<>();
    for (Change change : changes) {
      if (change.after().isEmpty() && !change.before().orElseThrow().isDirectory()) {
        Entry before = change.before().get();
        deleted
            .computeIfAbsent(new Key(before.type(), before.id()), k -> new ArrayDeque<>())
            .add(change.path());
      }
    }
    List<Rename> renames = new ArrayList<>();
    for (Change change : changes) {
      if (change.before().isEmpty() && !change.after().orElseThrow().isDirectory()) {
        Entry after = change.after().get();
        Deque<String> sources = deleted.get(new Key(after.type(), after.id()));
        if (sources != null && !sources.isEmpty()) {
          renames.add(new Rename(sources.poll(), change.path()));
        }
      }
    }
    return renames;
  }

  private record Key(EntryType type, ObjectId id) {}
}
