package dev.brio.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on {@code <data>/brio.lock}, held by a kernel from before Felix starts until
 * after it has stopped: one kernel per data directory, and `brio stop` knows the kernel is fully
 * down (store, sessions and all) when the lock is free. The OS releases it if the JVM dies.
 */
final class DataLock implements AutoCloseable {
  static final String FILE = "brio.lock";

  private final FileChannel channel;
  private final FileLock lock;

  private DataLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /** Thrown when another kernel holds the data directory. */
  static final class HeldException extends IOException {
    private static final long serialVersionUID = 1L;

    HeldException(Path data) {
      super("a kernel is already running with data directory " + data);
    }
  }

  static DataLock acquire(Path data) throws IOException {
    Files.createDirectories(data);
    FileChannel channel =
        FileChannel.open(data.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = channel.tryLock();
    if (lock == null) {
      channel.close();
      throw new HeldException(data);
    }
    return new DataLock(channel, lock);
  }

  /** True while some kernel holds the data directory. */
  static boolean held(Path data) throws IOException {
    if (Files.notExists(data.resolve(FILE))) {
      return false;
    }
    try {
      acquire(data).close();
      return false;
    } catch (HeldException e) {
      return true;
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (channel.isOpen()) {
      lock.release();
      channel.close();
    }
  }
}
