package dev.brio.wasi.io;

/**
 * A host-side sink of bytes behind a guest's {@code output-stream}. The guest asks {@link
 * #checkWrite()} how much it may write, writes at most that, and flushes; when {@code checkWrite}
 * says 0 it waits on {@link #pollable()}. Once closed, every call throws {@link
 * StreamException#closed()}.
 */
public interface HostOutputStream {
  /**
   * How many bytes {@link #write} accepts now (0: wait on the pollable).
   *
   * @throws StreamException closed, or failed because an earlier write or flush failed
   */
  long checkWrite() throws StreamException;

  /**
   * Writes {@code bytes} ({@code bytes.length} no more than the last {@link #checkWrite()}); may
   * complete later (then a later {@code checkWrite} or flush reports a failure).
   */
  void write(byte[] bytes) throws StreamException;

  /** Starts flushing what was written; {@link #checkWrite()} stays 0 until it is done. */
  void flush() throws StreamException;

  /** Flushes and waits until everything written reached its destination. */
  default void blockingFlush() throws StreamException, InterruptedException {
    flush();
    pollable().block();
    checkWrite();
  }

  /** Ready when {@link #checkWrite()} would return more than 0, or fail. */
  default Pollable pollable() {
    return Pollable.alwaysReady();
  }

  /** Releases what the stream holds; called once, when the guest drops the stream. */
  default void close() {}
}
