package dev.brio.vfs;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The binary layout of Brio's own small records (snapshots, kept in brio.db; journals and staging
 * intents, kept as files): a magic string, a body, and a CRC-32 of both, so a torn or foreign file
 * is recognised instead of misread.
 */
final class ChecksummedRecord {

  @FunctionalInterface
  interface BodyWriter {
    void write(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  interface BodyReader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private ChecksummedRecord() {}

  static byte[] encode(String magic, BodyWriter body) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    writeString(out, magic);
    body.write(out);
    out.flush();
    CRC32 crc = new CRC32();
    crc.update(bytes.toByteArray());
    out.writeLong(crc.getValue());
    out.flush();
    return bytes.toByteArray();
  }

  /**
   * Decodes a record written by {@link #encode}.
   *
   * @throws TornRecordException if it is shorter than its checksum or the checksum is wrong: a
   *     write that did not complete
   * @throws IOException if it is a complete record of another kind
   */
  static <T> T decode(String magic, byte[] content, BodyReader<T> body) throws IOException {
    if (content.length < Long.BYTES) {
      throw new TornRecordException("truncated " + magic + " record");
    }
    int bodyEnd = content.length - Long.BYTES;
    CRC32 crc = new CRC32();
    crc.update(content, 0, bodyEnd);
    long stored =
        new DataInputStream(new ByteArrayInputStream(content, bodyEnd, Long.BYTES)).readLong();
    if (stored != crc.getValue()) {
      throw new TornRecordException("checksum mismatch in " + magic + " record");
    }
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(content, 0, bodyEnd));
    if (!readString(in).equals(magic)) {
      throw new IOException("not a " + magic + " record");
    }
    return body.read(in);
  }

  // writeUTF stops at 64 KiB and uses modified UTF-8; paths deserve plain UTF-8 of any length.
  static void writeString(DataOutputStream out, String value) throws IOException {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  static String readString(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new IOException("bad string length " + length);
    }
    byte[] utf8 = in.readNBytes(length);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  /** A record whose write did not complete (a crash mid-write): its content cannot be trusted. */
  static final class TornRecordException extends IOException {
    private static final long serialVersionUID = 1L;

    TornRecordException(String message) {
      super(message);
    }
  }
}
