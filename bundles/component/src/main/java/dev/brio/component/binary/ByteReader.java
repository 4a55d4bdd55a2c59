package dev.brio.component.binary;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the binary format's primitives from a bounded window of a byte array. Every read checks the
 * window first, LEB128 reads reject overlong and overflowing encodings, and every vector count is
 * checked against the bytes left before anything is allocated for it.
 */
final class ByteReader {
  private final byte[] bytes;
  private int pos;
  private final int limit;

  ByteReader(byte[] bytes, int pos, int limit) {
    this.bytes = bytes;
    this.pos = pos;
    this.limit = limit;
  }

  byte[] bytes() {
    return bytes;
  }

  int position() {
    return pos;
  }

  int limit() {
    return limit;
  }

  int remaining() {
    return limit - pos;
  }

  boolean atEnd() {
    return pos >= limit;
  }

  ComponentFormatException error(String problem) {
    return new ComponentFormatException(pos, problem);
  }

  ComponentFormatException errorAt(int offset, String problem) {
    return new ComponentFormatException(offset, problem);
  }

  private void need(int n, String what) throws ComponentFormatException {
    if (n > limit - pos) {
      throw error("unexpected end: expected " + what + ", " + (limit - pos) + " bytes left");
    }
  }

  int u8(String what) throws ComponentFormatException {
    need(1, what);
    return bytes[pos++] & 0xff;
  }

  int peek(String what) throws ComponentFormatException {
    need(1, what);
    return bytes[pos] & 0xff;
  }

  /** An unsigned LEB128 u32: at most 5 bytes, the last using at most 4 bits. */
  int u32(String what) throws ComponentFormatException {
    int start = pos;
    long result = 0;
    for (int shift = 0; ; shift += 7) {
      int b = u8(what);
      if (shift == 28 && (b & 0x70) != 0) {
        throw errorAt(start, "invalid LEB128 for " + what + ": integer too large for u32");
      }
      result |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return (int) result;
      }
      if (shift == 28) {
        throw errorAt(start, "invalid LEB128 for " + what + ": more than 5 bytes");
      }
    }
  }

  /** A u32 that must fit a non-negative Java int (indices, lengths, counts). */
  int index(String what) throws ComponentFormatException {
    int start = pos;
    int v = u32(what);
    if (v < 0) {
      throw errorAt(start, what + " " + Integer.toUnsignedString(v) + " is out of range");
    }
    return v;
  }

  /**
   * A signed LEB128 s33, the encoding Binary.md uses to tell type opcodes (negative) from type
   * indices (non-negative) in {@code valtype}.
   */
  long s33(String what) throws ComponentFormatException {
    int start = pos;
    long result = 0;
    int shift = 0;
    int b;
    do {
      b = u8(what);
      if (shift == 28) {
        // fifth byte: bits 0-4 are payload (bit 4 the sign), bits 5-6 must repeat the sign
        int signBits = b & 0x70;
        if ((b & 0x80) != 0 || (signBits != 0 && signBits != 0x70)) {
          throw errorAt(start, "invalid LEB128 for " + what + ": integer too large for s33");
        }
      }
      result |= (long) (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    if (shift < 64 && (b & 0x40) != 0) {
      result |= -1L << shift;
    }
    // s33 lives in 33 bits: sign-extend from bit 32
    return (result << 31) >> 31;
  }

  /** A vector length: each element takes at least {@code minElementBytes}, so it is bounded. */
  int count(String what, int minElementBytes) throws ComponentFormatException {
    int start = pos;
    int n = index(what + " count");
    if ((long) n * minElementBytes > remaining()) {
      throw errorAt(
          start,
          what + " count " + n + " is larger than the " + remaining() + " bytes left could hold");
    }
    return n;
  }

  /** Skips {@code n} bytes, returning where they start. */
  int skip(int n, String what) throws ComponentFormatException {
    need(n, what);
    int start = pos;
    pos += n;
    return start;
  }

  /** A {@code name}: a length-prefixed UTF-8 string. */
  String name(String what) throws ComponentFormatException {
    int start = pos;
    int len = index(what + " length");
    need(len, what);
    try {
      String s =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, pos, len))
              .toString();
      pos += len;
      return s;
    } catch (CharacterCodingException e) {
      throw errorAt(start, what + " is not valid UTF-8");
    }
  }

  /** A reader over the next {@code length} bytes; this reader moves past them. */
  ByteReader window(int length, String what) throws ComponentFormatException {
    int start = skip(length, what);
    return new ByteReader(bytes, start, start + length);
  }

  void expectEnd(String what) throws ComponentFormatException {
    if (pos != limit) {
      throw error(what + " has " + (limit - pos) + " unexpected bytes at its end");
    }
  }
}
