package dev.brio.wasi.io;

import java.util.Arrays;

/** The compound output-stream operations, in terms of a {@link HostOutputStream}'s primitives. */
final class OutputOps {
  private OutputOps() {}

  /**
   * Waits for room, writes all of {@code bytes} (in as many pieces as the stream allows), flushes.
   */
  static void blockingWriteAndFlush(HostOutputStream out, byte[] bytes)
      throws StreamException, InterruptedException {
    int done = 0;
    while (done < bytes.length) {
      long room = out.checkWrite();
      if (room == 0) {
        out.pollable().block();
        continue;
      }
      int n = (int) Math.min(room, bytes.length - done);
      out.write(done == 0 && n == bytes.length ? bytes : Arrays.copyOfRange(bytes, done, done + n));
      done += n;
    }
    out.blockingFlush();
  }

  /**
   * Moves up to {@code max} bytes from {@code in} to {@code out}, no more than {@code out} accepts
   * now; blocking waits for room and for at least one byte.
   */
  static long splice(HostOutputStream out, HostInputStream in, int max, boolean blocking)
      throws StreamException, InterruptedException {
    long room = out.checkWrite();
    if (blocking) {
      while (room == 0) {
        out.pollable().block();
        room = out.checkWrite();
      }
    }
    int n = (int) Math.min(room, max);
    if (n == 0) {
      return 0;
    }
    byte[] bytes = blocking ? in.blockingRead(n) : in.read(n);
    if (bytes.length > 0) {
      out.write(bytes);
    }
    return bytes.length;
  }
}
