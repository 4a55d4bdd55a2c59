package dev.brio.vfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes of Brio's small commit records: in place, checksummed, synced in rounds. */
final class DurableFiles {

  private DurableFiles() {}

  /**
   * Writes {@code content} to {@code target} in place, without syncing: the caller syncs it with
   * whatever must become durable in the same round. A crash during the write or before that round
   * completes may leave a partial file, so the content must be self-checking ({@link
   * ChecksummedRecord}) and a reader must treat a torn one as never written.
   */
  static void write(Path target, byte[] content) throws IOException {
    try (FileChannel channel =
        FileChannel.open(
            target,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  /**
   * Writes a file that is new (nothing reads an older version of it) and makes it durable in one
   * round of syncs: the file and its directory are fsynced together (see {@link #write} for what a
   * crash during the call leaves).
   */
  static void writeNew(Path target, byte[] content) throws IOException {
    write(target, content);
    SyncBatch durable = new SyncBatch();
    durable.file(target);
    durable.directory(target.getParent());
    durable.sync();
  }

  /** Makes the directory's entries (creations, renames, deletions) durable. */
  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
