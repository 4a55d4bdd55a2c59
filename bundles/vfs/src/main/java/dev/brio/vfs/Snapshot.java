package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.io.IOException;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The base as it was when a session began: every path (files, symlinks, directories; the root
 * itself excluded) with its type, mode and content id. Kept, {@link #encode encoded}, in the
 * session's row of {@code brio.db} so it survives a restart: per entry its path, a type byte, the
 * mode and the 20 raw bytes of the id, the whole under one CRC-32 (about 30 bytes plus the path per
 * entry).
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

  byte[] encode() throws IOException {
    return ChecksummedRecord.encode(
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
        });
  }

  /**
   * Decodes what {@link #encode} wrote.
   *
   * @throws IOException if it is torn, damaged or not a snapshot
   */
  static Snapshot decode(byte[] encoded) throws IOException {
    return ChecksummedRecord.decode(
        MAGIC,
        encoded,
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
