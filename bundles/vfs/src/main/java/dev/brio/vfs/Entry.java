package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.util.Objects;
import org.eclipse.jgit.lib.ObjectId;

/**
 * What one path of a workspace holds: its type, POSIX permission bits (0 for symlinks, whose
 * permissions mean nothing on Linux) and content id (git's blob id of the content, or of the link
 * target text; the zero id for directories).
 */
record Entry(EntryType type, int mode, ObjectId id) {

  Entry {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    mode = type == EntryType.SYMLINK ? 0 : mode & 07777;
    id = id.copy();
  }

  static Entry directory(int mode) {
    return new Entry(EntryType.DIRECTORY, mode, ObjectId.zeroId());
  }

  boolean isDirectory() {
    return type == EntryType.DIRECTORY;
  }

  boolean sameContent(Entry other) {
    return type == other.type && id.equals(other.id);
  }
}
