package dev.brio.wasi.io;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Bytes a pump thread read ahead of the guest, in the chunks it read them, taken from the front.
 * Not thread-safe: its owner guards it with its own lock (the one its pump and readers wait on).
 */
public final class ByteChunks {
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private int size;

  /** How many bytes are held. */
  public int size() {
    return size;
  }

  /** Appends a copy of {@code buf[0..n)}. */
  public void add(byte[] buf, int n) {
    chunks.addLast(Arrays.copyOf(buf, n));
    size += n;
  }

  /** Removes and returns up to {@code max} bytes from the front (none when empty). */
  public byte[] take(int max) {
    byte[] out = new byte[Math.min(max, size)];
    int n = 0;
    while (n < out.length) {
      byte[] head = chunks.removeFirst();
      int k = Math.min(head.length, out.length - n);
      System.arraycopy(head, 0, out, n, k);
      n += k;
      if (k < head.length) {
        chunks.addFirst(Arrays.copyOfRange(head, k, head.length));
      }
    }
    size -= n;
    return out;
  }
}
