package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The plan of a commit, written (fsynced, then renamed into place, then the directory fsynced)
 * before the base is touched. Its presence in complete form is the commit point: recovery rolls a
 * journal forward; without one, staged files are rolled back. Unlike the staging intent it is never
 * written in place: a journal that fails its checksum is then damage, not a crash mid-write, and
 * recovery refuses to guess (rolling back after part of it was applied would mix old and new).
 */
record Journal(String sessionId, Path base, List<JournalOp> ops) {

  private static final String MAGIC = "brio-journal-1";

  Journal {
    ops = List.copyOf(ops);
  }

  void write(Path file) throws IOException {
    DurableFiles.writeAtomically(
        file,
        ChecksummedRecord.encode(
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
                  case JournalOp.Move(String stage, String target) -> {
                    out.writeByte('M');
                    ChecksummedRecord.writeString(out, stage);
                    ChecksummedRecord.writeString(out, target);
                  }
                  case JournalOp.Chmod(String path, int mode) -> {
                    out.writeByte('C');
                    ChecksummedRecord.writeString(out, path);
                    out.writeInt(mode);
                  }
                }
              }
            }));
  }

  static Journal read(Path file) throws IOException {
    return ChecksummedRecord.decode(
        MAGIC,
        Files.readAllBytes(file),
        in -> {
          String sessionId = ChecksummedRecord.readString(in);
          Path base = Path.of(ChecksummedRecord.readString(in));
          int count = in.readInt();
          List<JournalOp> ops = new ArrayList<>(count);
          for (int i = 0; i < count; i++) {
            int tag = in.readUnsignedByte();
            ops.add(
                switch (tag) {
                  case 'D' ->
                      new JournalOp.Delete(
                          ChecksummedRecord.readString(in),
                          EntryType.values()[in.readUnsignedByte()]);
                  case 'M' ->
                      new JournalOp.Move(
                          ChecksummedRecord.readString(in), ChecksummedRecord.readString(in));
                  case 'C' -> new JournalOp.Chmod(ChecksummedRecord.readString(in), in.readInt());
                  default -> throw new IOException("unknown journal step " + tag);
                });
          }
          return new Journal(sessionId, base, ops);
        });
  }
}
