package dev.brio.vfs;

import dev.brio.api.session.ChangeKind;
import dev.brio.api.session.EntryType;
import java.util.Optional;

/**
 * One path whose entry in the session differs from the snapshot.
 *
 * @param before the snapshot's entry, empty if the session added the path
 * @param after the session's entry, empty if the session deleted the path
 */
record Change(String path, Optional<Entry> before, Optional<Entry> after) {

  ChangeKind kind() {
    if (before.isEmpty()) {
      return ChangeKind.ADDED;
    }
    if (after.isEmpty()) {
      return ChangeKind.DELETED;
    }
    Entry old = before.get();
    Entry now = after.get();
    if (old.type() != now.type()) {
      return ChangeKind.TYPE_CHANGED;
    }
    return old.id().equals(now.id()) ? ChangeKind.MODE_CHANGED : ChangeKind.MODIFIED;
  }

  /** The type the report shows: the new one, or the old one for a deletion. */
  EntryType reportedType() {
    return after.or(() -> before).orElseThrow().type();
  }
}
