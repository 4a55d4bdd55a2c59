package dev.brio.wasi.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ByteChunksTest {
  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @Test
  void takesAcrossChunksAndKeepsTheRestOfASplitOne() {
    var chunks = new ByteChunks();
    byte[] buf = bytes("abcdef");
    chunks.add(buf, 3); // only the first n bytes, copied
    buf[0] = 'X';
    chunks.add(bytes("de"), 2);
    assertEquals(5, chunks.size());
    assertArrayEquals(bytes("abcd"), chunks.take(4));
    assertEquals(1, chunks.size());
    assertArrayEquals(bytes("e"), chunks.take(10));
    assertArrayEquals(new byte[0], chunks.take(10));
    assertEquals(0, chunks.size());
  }
}
