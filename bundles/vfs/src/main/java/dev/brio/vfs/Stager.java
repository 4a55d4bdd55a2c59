package dev.brio.vfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Builds a commit's stages in the base: every new or changed file and symlink, and every new
 * directory with all of its content, next to its target. Nothing is synced here: what must become
 * durable goes into a {@link SyncBatch} the committer syncs together with the journal.
 */
final class Stager {

  /** Owner read and search: what a directory needs to be opened (to sync it) and entered. */
  private static final int OWNER_READ_SEARCH = 0500;

  private final FileCloner cloner;
  private final CommitSteps steps;

  Stager(FileCloner cloner, CommitSteps steps) {
    this.cloner = cloner;
    this.steps = steps;
  }

  /** Stages everything {@code plan} names; returns what must be synced before the commit point. */
  SyncBatch stageAll(Path base, Path session, CommitPlan plan) throws IOException {
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
    return durable;
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
    boolean openable = (entry.mode() & OWNER_READ_SEARCH) == OWNER_READ_SEARCH;
    for (Change change : content) {
      Entry inner = change.after().orElseThrow();
      Path destination = stage.resolve(change.path().substring(target.length() + 1));
      if (inner.isDirectory()) {
        Files.createDirectory(destination);
        directories.add(destination);
        openable &= (inner.mode() & OWNER_READ_SEARCH) == OWNER_READ_SEARCH;
        continue;
      }
      stageEntry(session.resolve(change.path()), destination, inner, stats, durable);
    }
    directories.forEach(durable::directory);
    durable.directory(stage);
    if (!openable) {
      // A directory without owner read or search could not be opened to sync once it has its
      // final mode (nor could anything below it): sync now, one more round for such a commit.
      durable.sync();
    }
    // Final modes last and deepest first: a read-only directory could not have been filled. Set
    // before the batch is synced, the modes are durable with the rest (except after the early sync
    // above, where they ride on the file system's ordering of metadata).
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
}
