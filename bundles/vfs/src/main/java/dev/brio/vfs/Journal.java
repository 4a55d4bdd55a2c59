package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;

/**
 * The plan of a commit: the renames, deletes and mode changes that take the base from all-old to
 * all-new. Written in place, after every stage, and synced in the same round as the stages: the
 * commit point is that round's end, and no step is applied before it. So a journal torn by a crash
 * was never applied (recovery rolls it back), and a complete one whose stages did not all reach the
 * disk is recognised by each move's {@link StagedContent} and rolled back too ({@link
 * JournalCheck}).
 */
record Journal(String sessionId, Path base, List<JournalOp> ops) {

  private static final String MAGIC = "brio-journal-2";

  /** Format 1 (no staged content), written by versions that synced stages before the journal. */
  private static final String MAGIC_1 = "brio-journal-1";

  Journal {
    ops = List.copyOf(ops);
  }

  /** The moves of this journal, in order. */
  List<JournalOp.Move> moves() {
    return ops.stream()
        .filter(JournalOp.Move.class::isInstance)
        .map(JournalOp.Move.class::cast)
        .toList();
  }

  /** Writes the journal in place, unsynced: the caller syncs it in the round of the stages. */
  void write(Path file) throws IOException {
    DurableFiles.write(file, encode());
  }

  byte[] encode() throws IOException {
    return ChecksummedRecord.encode(
        MAGIC,
        out -> {
          ChecksummedRecord.writeString(out, sessionId);
          ChecksummedRecord.writeString(out, base.toString());
          out.writeInt(ops.size());
          for (JournalOp op : ops) {
            switch (op) {
              case JournalOp.Delete(String path, EntryType type) -> {
                out.writeByte('D');
                ChecksummedRecord.writeString(out, path);
                out.writeByte(type.ordinal());
              }
              case JournalOp.Move(String stage, String target, Optional<StagedContent> content) -> {
                out.writeByte('M');
                ChecksummedRecord.writeString(out, stage);
                ChecksummedRecord.writeString(out, target);
                StagedContent staged =
                    content.orElseThrow(() -> new IOException("a move without staged content"));
                writeEntry(out, staged.entry());
                out.writeInt(staged.inside().size());
                for (var inner : staged.inside().entrySet()) {
                  ChecksummedRecord.writeString(out, inner.getKey());
                  writeEntry(out, inner.getValue());
                }
              }
              case JournalOp.Chmod(String path, int mode) -> {
                out.writeByte('C');
                ChecksummedRecord.writeString(out, path);
                out.writeInt(mode);
              }
            }
          }
        });
  }

  /**
   * Reads a journal of either format.
   *
   * @throws ChecksummedRecord.TornRecordException if its write did not complete
   */
  static Journal read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      return ChecksummedRecord.decode(MAGIC, bytes, in -> body(in, true));
    } catch (ChecksummedRecord.TornRecordException torn) {
      throw torn;
    } catch (IOException notFormat2) {
      try {
        return ChecksummedRecord.decode(MAGIC_1, bytes, in -> body(in, false));
      } catch (IOException notFormat1) {
        throw notFormat2;
      }
    }
  }

  private static Journal body(DataInputStream in, boolean withContent) throws IOException {
    String sessionId = ChecksummedRecord.readString(in);
    Path base = Path.of(ChecksummedRecord.readString(in));
    int count = in.readInt();
    List<JournalOp> ops = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int tag = in.readUnsignedByte();
      ops.add(
          switch (tag) {
            case 'D' -> new JournalOp.Delete(ChecksummedRecord.readString(in), readType(in));
            case 'M' ->
                new JournalOp.Move(
                    ChecksummedRecord.readString(in),
                    ChecksummedRecord.readString(in),
                    withContent ? Optional.of(readContent(in)) : Optional.empty());
            case 'C' -> new JournalOp.Chmod(ChecksummedRecord.readString(in), in.readInt());
            default -> throw new IOException("unknown journal step " + tag);
          });
    }
    return new Journal(sessionId, base, ops);
  }

  private static StagedContent readContent(DataInputStream in) throws IOException {
    Entry entry = readEntry(in);
    int count = in.readInt();
    SortedMap<String, Entry> inside = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      inside.put(ChecksummedRecord.readString(in), readEntry(in));
    }
    return new StagedContent(entry, inside);
  }

  private static void writeEntry(DataOutputStream out, Entry entry) throws IOException {
    out.writeByte(entry.type().ordinal());
    out.writeInt(entry.mode());
    byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
    entry.id().copyRawTo(raw, 0);
    out.write(raw);
  }

  private static Entry readEntry(DataInputStream in) throws IOException {
    EntryType type = readType(in);
    int mode = in.readInt();
    byte[] raw = new byte[Constants.OBJECT_ID_LENGTH];
    in.readFully(raw);
    return new Entry(type, mode, ObjectId.fromRaw(raw));
  }

  private static EntryType readType(DataInputStream in) throws IOException {
    int ordinal = in.readUnsignedByte();
    if (ordinal >= EntryType.values().length) {
      throw new IOException("unknown entry type " + ordinal + " in a journal");
    }
    return EntryType.values()[ordinal];
  }
}
