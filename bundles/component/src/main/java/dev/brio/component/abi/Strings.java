package dev.brio.component.abi;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strings in guest memory: {@code load_string_from_range} and {@code store_string_into_range}. */
final class Strings {
  static final long UTF16_TAG = 1L << 31;
  static final long MAX_STRING_BYTE_LENGTH = (1L << 28) - 1;

  private Strings() {}

  /** {@code load_string_from_range(cx, ptr, tagged_code_units)}. */
  static String load(AbiContext cx, long ptr, long taggedCodeUnits) {
    int alignment;
    long byteLength;
    boolean utf16;
    boolean latin1 = false;
    switch (cx.encoding()) {
      case UTF8 -> {
        alignment = 1;
        byteLength = taggedCodeUnits;
        utf16 = false;
      }
      case UTF16 -> {
        alignment = 2;
        byteLength = 2 * taggedCodeUnits;
        utf16 = true;
      }
      case LATIN1_UTF16 -> {
        alignment = 2;
        utf16 = (taggedCodeUnits & UTF16_TAG) != 0;
        latin1 = !utf16;
        byteLength = utf16 ? 2 * (taggedCodeUnits ^ UTF16_TAG) : taggedCodeUnits;
      }
      default -> throw new IllegalStateException();
    }
    Trap.trapIf(
        byteLength > MAX_STRING_BYTE_LENGTH,
        () -> "string: byte length " + byteLength + " exceeds MAX_STRING_BYTE_LENGTH");
    cx.checkRange(ptr, byteLength, alignment, "string");
    byte[] bytes = cx.memory().readBytes((int) ptr, (int) byteLength);
    if (latin1) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    // Java's lenient decoding is much faster than a strict CharsetDecoder; it turns each malformed
    // sequence into U+FFFD, so only a string holding U+FFFD needs the strict decoder to tell a
    // real U+FFFD from invalid input.
    String s = new String(bytes, utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8);
    if (s.indexOf('\uFFFD') >= 0) {
      checkStrictly(bytes, utf16, ptr);
    }
    return s;
  }

  private static void checkStrictly(byte[] bytes, boolean utf16, long ptr) {
    CharsetDecoder decoder =
        (utf16 ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_8)
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      decoder.decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      throw new Trap(
          "string: invalid "
              + (utf16 ? "UTF-16 (lone surrogate)" : "UTF-8")
              + " at 0x"
              + Long.toHexString(ptr),
          e);
    }
  }

  /**
   * {@code store_string_into_range} for a host string: the source is Java's UTF-16, so the exact
   * destination size is known and one {@code realloc} call suffices (the spec's
   * worst-case-then-shrink sequences apply to guest-to-guest copies).
   *
   * @return {ptr, tagged_code_units}
   */
  static long[] store(AbiContext cx, String s) {
    byte[] bytes;
    int alignment;
    long codeUnits;
    switch (cx.encoding()) {
      case UTF8 -> {
        bytes = s.getBytes(StandardCharsets.UTF_8);
        alignment = 1;
        codeUnits = bytes.length;
      }
      case UTF16 -> {
        bytes = s.getBytes(StandardCharsets.UTF_16LE);
        alignment = 2;
        codeUnits = s.length();
      }
      case LATIN1_UTF16 -> {
        alignment = 2;
        if (s.chars().allMatch(c -> c < 0x100)) {
          bytes = s.getBytes(StandardCharsets.ISO_8859_1);
          codeUnits = bytes.length;
        } else {
          bytes = s.getBytes(StandardCharsets.UTF_16LE);
          codeUnits = s.length() | UTF16_TAG;
        }
      }
      default -> throw new IllegalStateException();
    }
    Trap.trapIf(
        bytes.length > MAX_STRING_BYTE_LENGTH,
        () -> "string: byte length " + bytes.length + " exceeds MAX_STRING_BYTE_LENGTH");
    long ptr = Integer.toUnsignedLong(cx.allocate(alignment, bytes.length, "string"));
    cx.checkRange(ptr, bytes.length, alignment, "string from realloc");
    cx.memory().write((int) ptr, bytes);
    return new long[] {ptr, codeUnits};
  }
}
