package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies a base into a session directory and records the snapshot on the way: directories
 * (including empty ones) with their modes, symlinks as symlinks with their target text untouched
 * (never followed, so a link pointing outside the base copies nothing from outside), regular files
 * by reflink or copy with their modes. {@code .git} and staging leftovers are skipped; sockets and
 * devices are not workspace content and are skipped too.
 */
final class TreeCopier {

  /** Cloning and hashing wait on the disk more than on the CPU: a few more threads than cores. */
  private static final int COPY_THREADS =
      Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

  private final FileCloner cloner;

  TreeCopier(FileCloner cloner) {
    this.cloner = cloner;
  }

  /** A regular file to clone and hash, found while walking. */
  private record FileJob(
      Path source, Path copy, String path, long size, Set<PosixFilePermission> permissions) {}

  /**
   * Copies {@code base} into {@code target} (which must not exist) and returns its snapshot. The
   * walk (directories, symlinks) is sequential; cloning and hashing files, which is I/O, runs on a
   * few threads at once.
   */
  Snapshot copy(Path base, Path target, CloneStats stats) throws IOException {
    NavigableMap<String, Entry> entries = new TreeMap<>();
    List<String> directories = new ArrayList<>();
    List<FileJob> files = new ArrayList<>();
    Files.createDirectory(target);
    walk(base, target, "", entries, directories, files);
    Map<String, Entry> copied = new ConcurrentHashMap<>();
    try (ExecutorService workers = Executors.newFixedThreadPool(COPY_THREADS)) {
      List<Future<?>> pending = new ArrayList<>(files.size());
      for (FileJob job : files) {
        pending.add(workers.submit(() -> copied.put(job.path(), copyFile(job, stats))));
      }
      for (Future<?> done : pending) {
        await(done);
      }
    }
    entries.putAll(copied);
    // Final directory modes last, deepest first: a read-only directory could not be filled.
    for (String directory : directories.reversed()) {
      Files.setPosixFilePermissions(
          RelativePaths.resolve(target, directory),
          PosixModes.fromBits(entries.get(directory).mode()));
    }
    return new Snapshot(entries);
  }

  private Entry copyFile(FileJob job, CloneStats stats) throws IOException {
    // The id is of the copy, not the base: the snapshot must describe what the session starts
    // with, even if someone writes to the base while we copy.
    FileCloner.Cloned cloned = cloner.cloneAndHash(job.source(), job.copy(), job.size(), stats);
    Files.setPosixFilePermissions(job.copy(), job.permissions());
    return new Entry(EntryType.FILE, PosixModes.toBits(job.permissions()), cloned.id());
  }

  private static void await(Future<?> done) throws IOException {
    try {
      done.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while copying");
    }
  }

  private void walk(
      Path base,
      Path target,
      String relative,
      NavigableMap<String, Entry> entries,
      List<String> directories,
      List<FileJob> files)
      throws IOException {
    Path sourceDirectory = RelativePaths.resolve(base, relative);
    Path targetDirectory = RelativePaths.resolve(target, relative);
    List<String> subdirectories = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(sourceDirectory)) {
      for (Path child : children) {
        String name = child.getFileName().toString();
        if (RelativePaths.ignored(name)) {
          continue;
        }
        String path = RelativePaths.child(relative, name);
        PosixFileAttributes attributes =
            Files.readAttributes(child, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        Path copy = targetDirectory.resolve(name);
        if (attributes.isSymbolicLink()) {
          Path linkTarget = Files.readSymbolicLink(child);
          Files.createSymbolicLink(copy, linkTarget);
          entries.put(path, new Entry(EntryType.SYMLINK, 0, Entries.linkId(linkTarget.toString())));
        } else if (attributes.isDirectory()) {
          // Owner-writable while we fill it; its real mode is set once it is full.
          Files.createDirectory(copy);
          entries.put(path, Entry.directory(PosixModes.toBits(attributes.permissions())));
          subdirectories.add(path);
          directories.add(path);
        } else if (attributes.isRegularFile()) {
          files.add(new FileJob(child, copy, path, attributes.size(), attributes.permissions()));
        }
      }
    }
    for (String subdirectory : subdirectories) {
      walk(base, target, subdirectory, entries, directories, files);
    }
  }
}
