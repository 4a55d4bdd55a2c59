package dev.brio.wasi.filesystem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Strict UTF-8 decoding: WIT strings are Unicode, host names need not be. */
final class Utf8 {
  private Utf8() {}

  /** Decodes {@code bytes}, failing with {@code illegal-byte-sequence} naming {@code what}. */
  static String decode(byte[] bytes, String what) throws FsException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new FsException(ErrorCode.ILLEGAL_BYTE_SEQUENCE, what + ": the host name is not UTF-8");
    }
  }
}
