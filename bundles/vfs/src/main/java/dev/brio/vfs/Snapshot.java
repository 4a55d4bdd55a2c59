package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The base as it was when a session began: every path (files, symlinks, directories; the root
 * itself excluded) with its type, mode and content id. Kept in {@code <sessionsRoot>/<id>.snapshot}
 * so it survives a restart.
 */
record Snapshot(NavigableMap<String, Entry> entries) {

  private static final String MAGIC = "brio-snapshot-1";

  Snapshot {
    entries = Collections.unmodifiableNavigableMap(new TreeMap<>(entries));
  }

  /** The entries strictly below {@code directory} ("" for the root: everything). */
  SortedMap<String, Entry> below(String directory) {
    if (directory.isEmpty()) {
      return entries;
    }
    // '0' is the character after '/', so this range is exactly "directory/..." and nothing else.
    return entries.subMap(directory + "/", directory + "0");
  }

  void write(Path file) throws IOException {
    DurableFiles.writeAtomically(
        file,
        ChecksummedRecord.encode(
            MAGIC,
            out -> {
              out.writeInt(entries.size());
              byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
              for (var e : entries.entrySet()) {
                ChecksummedRecord.writeString(out, e.getKey());
                out.writeByte(e.getValue().type().ordinal());
                out.writeInt(e.getValue().mode());
                e.getValue().id().copyRawTo(raw, 0);
                out.write(raw);
              }
            }));
  }

  static Snapshot read(Path file) throws IOException {
    return ChecksummedRecord.decode(
        MAGIC,
        Files.readAllBytes(file),
        in -> {
          int count = in.readInt();
          NavigableMap<String, Entry> entries = new TreeMap<>();
          byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
          for (int i = 0; i < count; i++) {
            String path = ChecksummedRecord.readString(in);
            EntryType type = EntryType.values()[in.readUnsignedByte()];
            int mode = in.readInt();
            in.readFully(raw);
            entries.put(path, new Entry(type, mode, ObjectId.fromRaw(raw)));
          }
          return new Snapshot(entries);
        });
  }
}
