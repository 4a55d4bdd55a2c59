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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies a planned commit to the base so that, whatever moment the process dies or the power goes,
 * the base ends up all-old or all-new once {@link #recover} has run. A commit waits for three
 * rounds of syncs ({@link SyncBatch}: the syncs of a round run at the same time):
 *
 * <ol>
 *   <li>the staging intent (which stage names will exist): recovery's way to find stages that no
 *       journal names, so it must be durable before the first of them can be (a commit that only
 *       deletes and changes modes has no stages, no intent and so two rounds);
 *   <li>every stage (new or changed files, symlinks, new directories whole, next to their target)
 *       and the journal of renames and deletes: <b>the commit point</b> is this round's end;
 *   <li>the journal's steps, then the directories they touched.
 * </ol>
 *
 * Then the journal is marked done ({@code .journal-done}) without a sync of its own: a lost mark
 * means recovery runs the journal again, which finds every step applied and changes nothing.
 * Recovery rolls a journal forward when all of its stages are complete or applied ({@link
 * JournalCheck}); a torn journal, one whose stages did not all reach the disk, or staging without a
 * journal is rolled back (the stages are deleted).
 */
final class Committer {

  private final SessionFiles files;
  private final Stager stager;
  private final CommitSteps steps;

  Committer(SessionFiles files, FileCloner cloner, CommitSteps steps) {
    this.files = files;
    this.stager = new Stager(cloner, steps);
    this.steps = steps;
  }

  /**
   * Stages, journals and applies {@code plan}; on return the base is all-new and the journal is
   * marked done (the caller records the session as committed, then calls {@link #finish}). An
   * exception before the commit point leaves the base all-old.
   */
  void apply(String id, Path base, Path session, CommitPlan plan) throws IOException {
    if (!plan.stages().isEmpty()) {
      // Without stages (only deletions and mode changes) there is nothing for recovery to find
      // without a journal, and no round to wait for.
      new StagingIntent(base, List.copyOf(plan.stages().keySet())).write(files.staging(id));
    }
    steps.reached("after-intent");
    Journal journal = new Journal(id, base, plan.ops());
    try {
      SyncBatch durable = stager.stageAll(base, session, plan);
      steps.reached("after-staging");
      journal.write(files.journal(id));
      durable.file(files.journal(id));
      durable.directory(files.root());
      steps.reached("after-journal");
      durable.sync();
    } catch (IOException | RuntimeException failure) {
      // Nothing is applied before the commit point: undoing the stages is always right here.
      try {
        undoStaging(id, Optional.of(journal));
      } catch (IOException | RuntimeException undo) {
        failure.addSuppressed(undo); // recovery finishes the undo
      }
      throw failure;
    }
    steps.reached("after-commit-point");
    rollForward(journal, steps);
    steps.reached("before-done");
    markDone(id);
    steps.reached("after-done");
  }

  /**
   * Removes the staging intent of a finished commit. The done marker stays until the session is
   * discarded: the ledger records the commit without waiting for a sync, and should a power loss
   * take that record back, the marker is what tells recovery the base already holds the commit.
   */
  void finish(String id) throws IOException {
    Files.deleteIfExists(files.staging(id));
  }

  /** What {@link #recover} did for one session. */
  enum Recovery {
    ROLLED_FORWARD,
    ROLLED_BACK,
    NOTHING
  }

  /**
   * Finishes or undoes an interrupted commit of session {@code id}: a journal whose stages are all
   * complete or applied is rolled forward and marked done; anything else is rolled back.
   *
   * @throws IOException if the base cannot be read or written, or a journal can go neither way
   *     ({@link JournalCheck}); the files stay for the next try
   */
  Recovery recover(String id) throws IOException {
    Files.deleteIfExists(SessionFiles.temporary(files.journal(id)));
    Files.deleteIfExists(SessionFiles.temporary(files.staging(id)));
    if (Files.exists(files.journalDone(id))) {
      return Recovery.ROLLED_FORWARD;
    }
    if (Files.exists(files.journal(id))) {
      Optional<Journal> journal;
      try {
        journal = Optional.of(Journal.read(files.journal(id)));
      } catch (ChecksummedRecord.TornRecordException torn) {
        // Torn only by a crash while it was written or before its round of syncs completed:
        // nothing was applied, since applying waits for that round.
        journal = Optional.empty();
      }
      if (journal.isPresent()
          && JournalCheck.of(journal.get()) == JournalCheck.Verdict.ROLL_FORWARD) {
        // The commit may have died before its round of syncs: make stages and journal durable
        // before the first step, as the commit itself would have.
        durableStages(journal.get()).sync();
        rollForward(journal.get(), CommitSteps.none());
        markDone(id);
        return Recovery.ROLLED_FORWARD;
      }
      undoStaging(id, journal);
      return Recovery.ROLLED_BACK;
    }
    if (Files.exists(files.staging(id))) {
      undoStaging(id, Optional.empty());
      return Recovery.ROLLED_BACK;
    }
    return Recovery.NOTHING;
  }

  /** The journal, the sessions root and the stages that still exist, to sync in one round. */
  private SyncBatch durableStages(Journal journal) throws IOException {
    SyncBatch durable = new SyncBatch();
    durable.file(files.journal(journal.sessionId()));
    durable.directory(files.root());
    for (JournalOp.Move move : journal.moves()) {
      Path stage = journal.base().resolve(move.stage());
      if (Files.exists(stage, LinkOption.NOFOLLOW_LINKS)) {
        durable.directory(stage.getParent());
        addTree(stage, durable);
      }
    }
    return durable;
  }

  /** Adds a staged file, or a staged directory and everything below it (links: their parent). */
  private static void addTree(Path root, SyncBatch durable) throws IOException {
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
            durable.directory(dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
            if (attributes.isRegularFile()) {
              durable.file(file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
  }

  /**
   * Marks the journal done. Not synced: the steps are durable already (their round returned), and a
   * mark lost to a power loss leaves the journal, which recovery runs again to no effect.
   */
  private void markDone(String id) throws IOException {
    Files.move(files.journal(id), files.journalDone(id), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Undoes a commit that did not reach its commit point: deletes every stage the intent or the
   * journal names and makes that durable, then removes journal and intent (last, so that a crash
   * midway leaves them to name the stages again).
   */
  private void undoStaging(String id, Optional<Journal> journal) throws IOException {
    Set<Path> stages = new LinkedHashSet<>();
    journal.ifPresent(j -> j.moves().forEach(m -> stages.add(j.base().resolve(m.stage()))));
    if (Files.exists(files.staging(id))) {
      try {
        StagingIntent intent = StagingIntent.read(files.staging(id));
        intent.stages().forEach(stage -> stages.add(intent.base().resolve(stage)));
      } catch (ChecksummedRecord.TornRecordException torn) {
        // Died while writing the intent (written in place to save a sync), so before anything
        // was staged: there is nothing to take back.
      }
    }
    SyncBatch durable = new SyncBatch();
    for (Path stage : stages) {
      if (Files.exists(stage, LinkOption.NOFOLLOW_LINKS)) {
        deleteTree(stage);
        durable.directory(stage.getParent());
      }
    }
    durable.sync();
    Files.deleteIfExists(files.journal(id));
    Files.deleteIfExists(files.staging(id));
    DurableFiles.syncDirectory(files.root());
  }

  // ---- applying and undoing

  /** Applies every step of {@code journal}; safe to repeat from the start after a crash. */
  static void rollForward(Journal journal, CommitSteps steps) throws IOException {
    Path base = journal.base();
    Set<Path> touchedDirectories = new LinkedHashSet<>();
    Map<Path, Boolean> chmodded = new LinkedHashMap<>(); // path -> is a directory
    int done = 0;
    for (JournalOp op : journal.ops()) {
      switch (op) {
        case JournalOp.Delete(String path, EntryType type) -> {
          Path target = base.resolve(path);
          // A parent that is no longer a real directory means the delete was applied before it
          // became (say) a link: going through it would reach the new state, or outside the base.
          if (beneathRealDirectories(base, path)) {
            Optional<Entry> now = Entries.read(target);
            if (now.isPresent() && now.get().type() == type) {
              Files.delete(target);
            }
            touchedDirectories.add(target.getParent());
          }
        }
        case JournalOp.Move(String stage, String target, var _) -> {
          Path staged = base.resolve(stage);
          if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(staged, base.resolve(target), StandardCopyOption.ATOMIC_MOVE);
          }
          touchedDirectories.add(staged.getParent());
        }
        case JournalOp.Chmod(String path, int mode) -> {
          Path target = base.resolve(path);
          Optional<Entry> now =
              beneathRealDirectories(base, path)
                  ? Entries.read(target).filter(e -> e.type() != EntryType.SYMLINK)
                  : Optional.empty();
          if (now.isPresent()) {
            Files.setPosixFilePermissions(target, PosixModes.fromBits(mode));
            chmodded.put(target, now.get().type() == EntryType.DIRECTORY);
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
    // a mode lives in the inode: synced with the entry itself, before the commit counts as done
    chmodded.forEach(
        (path, isDirectory) -> {
          if (isDirectory) {
            durable.directory(path);
          } else {
            durable.file(path);
          }
        });
    durable.sync();
  }

  /** Whether every directory from {@code base} down to {@code path}'s parent is a real one. */
  private static boolean beneathRealDirectories(Path base, String path) {
    Path parent = Path.of(path).getParent();
    if (parent == null) {
      return true;
    }
    Path directory = base;
    for (Path name : parent) {
      directory = directory.resolve(name);
      if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
    }
    return true;
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
