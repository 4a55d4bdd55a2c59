package dev.brio.vfs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes that survive a crash: fsynced files, fsynced directories, atomic replacement. */
final class DurableFiles {

  private DurableFiles() {}

  /**
   * Replaces {@code target} with {@code content} so that a reader (or a recovery after a crash)
   * sees either the old file or the complete new one: write a temporary sibling, fsync it, rename
   * it over the target, fsync the directory.
   */
  static void writeAtomically(Path target, byte[] content) throws IOException {
    Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
    try (FileChannel channel =
        FileChannel.open(
            temporary,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    Files.move(
        temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory(target.getParent());
  }

  /**
   * Writes a file that is new (nothing reads an older version of it) and makes it durable in one
   * round of syncs: the file and its directory are fsynced together. Cheaper than {@link
   * #writeAtomically} by one sync wait; the price is that a crash during the call may leave a
   * partial file, so the content must be self-checking ({@link ChecksummedRecord}) and a reader
   * must treat a torn one as never written.
   */
  static void writeNew(Path target, byte[] content) throws IOException {
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
