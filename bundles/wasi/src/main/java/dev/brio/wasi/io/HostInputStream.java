package dev.brio.wasi.io;

/**
 * A host-side source of bytes behind a guest's {@code input-stream}. The non-blocking calls return
 * what is available now; the blocking ones wait for at least one byte or the end. At the end of
 * input every read throws {@link StreamException#closed()}.
 */
public interface HostInputStream {
  /**
   * Up to {@code max} bytes available now, possibly none (then the guest waits on {@link
   * #pollable()}).
   *
   * @throws StreamException closed at the end of input, failed on an I/O error
   */
  byte[] read(int max) throws StreamException;

  /** Like {@link #read}, but waits until at least one byte (or the end, or an error) is there. */
  default byte[] blockingRead(int max) throws StreamException, InterruptedException {
    pollable().block();
    return read(max);
  }

  /** Skips up to {@code max} bytes available now; returns how many were skipped. */
  default long skip(long max) throws StreamException {
    return read((int) Math.min(max, IoHost.MAX_CHUNK)).length;
  }

  /** Skips like {@link #skip}, waiting for at least one byte (or the end). */
  default long blockingSkip(long max) throws StreamException, InterruptedException {
    pollable().block();
    return skip(max);
  }

  /** Ready when a read would return bytes, the end or an error without waiting. */
  default Pollable pollable() {
    return Pollable.alwaysReady();
  }

  /** Releases what the stream holds; called once, when the guest drops the stream. */
  default void close() {}
}
