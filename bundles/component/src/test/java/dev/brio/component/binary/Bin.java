package dev.brio.component.binary;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes component binaries by hand for the invalid-input tests. */
final class Bin {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static Bin component() {
    return new Bin().bytes(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01, 0x00);
  }

  Bin bytes(int... bs) {
    for (int b : bs) {
      out.write(b);
    }
    return this;
  }

  Bin bytes(byte[] bs) {
    out.writeBytes(bs);
    return this;
  }

  Bin u32(long v) {
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
    return this;
  }

  /** A signed LEB128, as {@code valtype} type indices are written. */
  Bin s33(long v) {
    while (true) {
      int b = (int) (v & 0x7f);
      v >>= 7;
      boolean done = (v == 0 && (b & 0x40) == 0) || (v == -1 && (b & 0x40) != 0);
      out.write(done ? b : b | 0x80);
      if (done) {
        return this;
      }
    }
  }

  Bin name(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    u32(b.length);
    return bytes(b);
  }

  /** A section: id, size, contents. */
  Bin section(int id, Bin contents) {
    byte[] b = contents.toBytes();
    out.write(id);
    u32(b.length);
    return bytes(b);
  }

  int size() {
    return out.size();
  }

  byte[] toBytes() {
    return out.toByteArray();
  }

  static Bin of(int... bs) {
    return new Bin().bytes(bs);
  }
}
