package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Applies a planned commit to the base so that, whatever moment the process dies, the base ends up
 * all-old or all-new once {@link #recover} has run:
 *
 * <ol>
 *   <li>write the staging intent (which stage names will exist), durably (one round of syncs);
 *   <li>stage every new or changed file, symlink and new directory next to its target, fsynced;
 *   <li>write the journal of renames and deletes, durably: <b>the commit point</b>;
 *   <li>apply its steps, fsync the directories they touched;
 *   <li>mark the journal done (rename to {@code .journal-done}), then clean up.
 * </ol>
 *
 * Recovery rolls a complete journal forward (each step is idempotent) and rolls staging without a
 * journal back (the stage files are deleted).
 */
final class Committer {

  private final SessionFiles files;
  private final FileCloner cloner;
  private final CommitSteps steps;

  Committer(SessionFiles files, FileCloner cloner, CommitSteps steps) {
    this.files = files;
    this.cloner = cloner;
    this.steps = steps;
  }

  /**
   * Stages, journals and applies {@code plan}; on return the base is all-new and the journal is
   * marked done (the caller records the session as committed, then calls {@link #finish}). An
   * exception before the journal exists leaves the base all-old.
   */
  void apply(String id, Path base, Path session, CommitPlan plan) throws IOException {
    StagingIntent intent = new StagingIntent(base, List.copyOf(plan.stages().keySet()));
    intent.write(files.staging(id));
    steps.reached("after-intent");
    try {
      stageAll(base, session, plan);
    } catch (IOException | RuntimeException failure) {
      rollBack(intent);
      Files.deleteIfExists(files.staging(id));
      throw failure;
    }
    steps.reached("after-staging");
    Journal journal = new Journal(id, base, plan.ops());
    try {
      journal.write(files.journal(id));
    } catch (IOException failure) {
      // Renamed into place, the journal is the commit point even if the directory fsync failed:
      // recovery rolls it forward. Not in place, the commit never happened.
      if (!Files.exists(files.journal(id))) {
        rollBack(intent);
        Files.deleteIfExists(SessionFiles.temporary(files.journal(id)));
        Files.deleteIfExists(files.staging(id));
      }
      throw failure;
    }
    steps.reached("after-journal");
    rollForward(journal, steps);
    steps.reached("before-done");
    markDone(id);
    steps.reached("after-done");
  }

  /** Removes what a finished commit left in the sessions root. */
  void finish(String id) throws IOException {
    Files.deleteIfExists(files.staging(id));
    Files.deleteIfExists(files.journalDone(id));
  }

  /** What {@link #recover} did for one session. */
  enum Recovery {
    ROLLED_FORWARD,
    ROLLED_BACK,
    NOTHING
  }

  /**
   * Finishes or undoes an interrupted commit of session {@code id}: a complete journal is rolled
   * forward and marked done; staging without a complete journal is deleted.
   */
  Recovery recover(String id) throws IOException {
    Files.deleteIfExists(SessionFiles.temporary(files.journal(id)));
    Files.deleteIfExists(SessionFiles.temporary(files.staging(id)));
    if (Files.exists(files.journalDone(id))) {
      return Recovery.ROLLED_FORWARD;
    }
    if (Files.exists(files.journal(id))) {
      rollForward(Journal.read(files.journal(id)), CommitSteps.none());
      markDone(id);
      return Recovery.ROLLED_FORWARD;
    }
    if (Files.exists(files.staging(id))) {
      try {
        rollBack(StagingIntent.read(files.staging(id)));
      } catch (ChecksummedRecord.TornRecordException torn) {
        // Died while writing the intent (written in place to save a sync), so before anything
        // was staged: there is nothing to take back.
      }
      Files.delete(files.staging(id));
      DurableFiles.syncDirectory(files.root());
      return Recovery.ROLLED_BACK;
    }
    return Recovery.NOTHING;
  }

  private void markDone(String id) throws IOException {
    Files.move(files.journal(id), files.journalDone(id), StandardCopyOption.ATOMIC_MOVE);
    DurableFiles.syncDirectory(files.root());
  }

  // ---- staging

  private void stageAll(Path base, Path session, CommitPlan plan) throws IOException {
    CloneStats stats = new CloneStats();
    SyncBatch durable = new SyncBatch();
    boolean first = true;
    for (Map.Entry<String, CommitPlan.Staged> item : plan.stages().entrySet()) {
      Path stage = base.resolve(item.getKey());
      switch (item.getValue()) {
        case CommitPlan.StagedEntry(String target, Entry entry) ->
            stageEntry(session.resolve(target), stage, entry, stats, durable);
        case CommitPlan.StagedDirectory(String target, Entry entry, List<Change> content) ->
            stageDirectory(session, target, stage, entry, content, stats, durable);
      }
      durable.directory(stage.getParent());
      if (first) {
        steps.reached("mid-staging");
        first = false;
      }
    }
    // Everything staged becomes durable at once, before the journal can refer to it.
    durable.sync();
  }

  /**
   * Stages one file or symlink (hashed as it is copied) and checks it holds what the diff saw: a
   * session edited while it commits must fail rather than apply something nobody reviewed.
   */
  private void stageEntry(Path source, Path stage, Entry entry, CloneStats stats, SyncBatch durable)
      throws IOException {
    ObjectId staged =
        switch (entry.type()) {
          case FILE -> {
            long size =
                Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                    .size();
            FileCloner.Cloned cloned = cloner.cloneAndHash(source, stage, size, stats);
            Files.setPosixFilePermissions(stage, PosixModes.fromBits(entry.mode()));
            durable.file(stage);
            yield cloned.id();
          }
          case SYMLINK -> {
            Path target = Files.readSymbolicLink(source);
            Files.createSymbolicLink(stage, target);
            yield Entries.linkId(target.toString());
          }
          case DIRECTORY -> throw new IllegalArgumentException("directories are staged whole");
        };
    if (!staged.equals(entry.id())) {
      throw new IOException("the session changed during its commit at " + source);
    }
  }

  private void stageDirectory(
      Path session,
      String target,
      Path stage,
      Entry entry,
      List<Change> content,
      CloneStats stats,
      SyncBatch durable)
      throws IOException {
    Files.createDirectory(stage);
    List<Path> directories = new ArrayList<>();
    for (Change change : content) {
      Entry inner = change.after().orElseThrow();
      Path destination = stage.resolve(change.path().substring(target.length() + 1));
      if (inner.isDirectory()) {
        Files.createDirectory(destination);
        directories.add(destination);
        continue;
      }
      stageEntry(session.resolve(change.path()), destination, inner, stats, durable);
    }
    directories.forEach(durable::directory);
    durable.directory(stage);
    // Synced while still writable (a directory without read permission cannot be opened to sync);
    // final modes last and deepest first: a read-only directory could not have been filled.
    durable.sync();
    for (Change change : content.reversed()) {
      Entry inner = change.after().orElseThrow();
      if (inner.isDirectory()) {
        Files.setPosixFilePermissions(
            stage.resolve(change.path().substring(target.length() + 1)),
            PosixModes.fromBits(inner.mode()));
      }
    }
    Files.setPosixFilePermissions(stage, PosixModes.fromBits(entry.mode()));
  }

  // ---- applying and undoing

  /** Applies every step of {@code journal}; safe to repeat from the start after a crash. */
  static void rollForward(Journal journal, CommitSteps steps) throws IOException {
    Path base = journal.base();
    Set<Path> touchedDirectories = new LinkedHashSet<>();
    int done = 0;
    for (JournalOp op : journal.ops()) {
      switch (op) {
        case JournalOp.Delete(String path, EntryType type) -> {
          Path target = base.resolve(path);
          Optional<Entry> now = Entries.read(target);
          if (now.isPresent() && now.get().type() == type) {
            Files.delete(target);
          }
          touchedDirectories.add(target.getParent());
        }
        case JournalOp.Move(String stage, String target) -> {
          Path staged = base.resolve(stage);
          if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staged, base.resolve(target), StandardCopyOption.ATOMIC_MOVE);
          }
          touchedDirectories.add(staged.getParent());
        }
        case JournalOp.Chmod(String path, int mode) -> {
          Path target = base.resolve(path);
          if (Entries.read(target).filter(e -> e.type() != EntryType.SYMLINK).isPresent()) {
            Files.setPosixFilePermissions(target, PosixModes.fromBits(mode));
          }
        }
      }
      steps.reached("after-op-" + ++done);
    }
    SyncBatch durable = new SyncBatch();
    for (Path directory : touchedDirectories) {
      if (Files.isDirectory(directory)) {
        durable.directory(directory);
      }
    }
    durable.sync();
  }

  /** Deletes whatever exists of the staged files and directories. */
  static void rollBack(StagingIntent intent) throws IOException {
    for (String stage : intent.stages()) {
      deleteTree(intent.base().resolve(stage));
    }
  }

  /** Deletes a file, link or whole directory tree, making directories writable first. */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes)
              throws IOException {
            Files.setPosixFilePermissions(dir, PosixModes.fromBits(0700));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes)
              throws IOException {
            Files.deleteIfExists(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException failure)
              throws IOException {
            if (failure != null) {
              throw failure;
            }
            try {
              Files.deleteIfExists(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException raced) {
              throw new IOException("could not remove " + dir, raced);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
