package dev.brio.vfs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Files and directories that must be durable before the next step of a commit, fsynced together.
 *
 * <p>Why in parallel: each fsync on ext4 (and most journaling file systems) waits for a journal
 * commit; fsyncs issued at the same time share one. Syncing the ten files of a commit one after
 * another costs ten journal commits, issuing them together costs about one. Blocking file I/O on a
 * virtual thread is compensated by the JDK, so the forces really run at the same time.
 */
final class SyncBatch {
  private final Set<Path> files = new LinkedHashSet<>();
  private final Set<Path> directories = new LinkedHashSet<>();

  /** A file whose content and metadata must be durable. */
  void file(Path file) {
    files.add(file);
  }

  /** A directory whose entries (creations, renames, deletions) must be durable. */
  void directory(Path directory) {
    directories.add(directory);
  }

  boolean isEmpty() {
    return files.isEmpty() && directories.isEmpty();
  }

  /**
   * Forces everything added and empties the batch; returns when all are durable.
   *
   * @throws IOException the first failure, with the others suppressed; the batch is then not
   *     durable and the commit must not pass its next step
   */
  void sync() throws IOException {
    List<Path> fileList = List.copyOf(files);
    List<Path> directoryList = List.copyOf(directories);
    files.clear();
    directories.clear();
    if (fileList.isEmpty() && directoryList.isEmpty()) {
      return;
    }
    if (fileList.size() + directoryList.size() == 1) {
      force(fileList.isEmpty() ? directoryList.getFirst() : fileList.getFirst());
      return;
    }
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> forces = new ArrayList<>();
      for (Path file : fileList) {
        forces.add(threads.submit(() -> force(file)));
      }
      for (Path directory : directoryList) {
        forces.add(threads.submit(() -> force(directory)));
      }
      IOException failure = null;
      for (Future<?> force : forces) {
        try {
          force.get();
        } catch (ExecutionException e) {
          IOException cause =
              e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
          if (failure == null) {
            failure = cause;
          } else {
            failure.addSuppressed(cause);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while syncing a commit", e);
        }
      }
      if (failure != null) {
        throw failure;
      }
    }
  }

  /**
   * A full fsync, also for files: a staged file's mode is part of what the commit promises.
   *
   * @return null, to be a Callable
   */
  private static Void force(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
    return null;
  }
}
