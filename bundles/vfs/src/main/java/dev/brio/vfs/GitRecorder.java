package dev.brio.vfs;

import dev.brio.api.session.EntryType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * Records an applied commit as a git commit on a configured branch when the base is a git work
 * tree. The commit is built in memory from the branch's tree (or HEAD's, for a new branch) plus the
 * change set, and only that branch's ref moves: the user's HEAD, index and other branches stay as
 * they are. Git tracks no directories, so directory changes only matter through their files.
 */
final class GitRecorder {

  private static final System.Logger LOG = System.getLogger(GitRecorder.class.getName());

  private GitRecorder() {}

  /** The new commit's id, or empty when the base is no git work tree or recording failed. */
  static Optional<String> record(Path base, String branch, String sessionId, List<Change> changes) {
    if (branch.isBlank() || !Files.exists(base.resolve(RelativePaths.GIT_DIR))) {
      return Optional.empty();
    }
    try (Repository repository = new FileRepositoryBuilder().findGitDir(base.toFile()).build()) {
      if (repository.isBare()) {
        return Optional.empty();
      }
      return Optional.of(commit(repository, base, branch, sessionId, changes).name());
    } catch (IOException | RuntimeException e) {
      // The base is already updated; a failed git record must not turn that into an error.
      LOG.log(System.Logger.Level.WARNING, "git commit on " + branch + " failed for " + base, e);
      return Optional.empty();
    }
  }

  private static ObjectId commit(
      Repository repository, Path base, String branch, String sessionId, List<Change> changes)
      throws IOException {
    String ref = Constants.R_HEADS + branch;
    String prefix = repository.getWorkTree().toPath().toRealPath().relativize(base).toString();
    ObjectId branchTip = repository.resolve(ref);
    ObjectId parent = branchTip != null ? branchTip : repository.resolve(Constants.HEAD);
    try (ObjectInserter inserter = repository.newObjectInserter();
        ObjectReader reader = repository.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      DirCache index = DirCache.newInCore();
      if (parent != null) {
        RevCommit parentCommit = walk.parseCommit(parent);
        DirCacheBuilder builder = index.builder();
        builder.addTree(new byte[0], DirCacheEntry.STAGE_0, reader, parentCommit.getTree());
        builder.finish();
      }
      DirCacheEditor editor = index.editor();
      for (Change change : changes) {
        String path = prefix.isEmpty() ? change.path() : prefix + "/" + change.path();
        if (change.before().filter(Entry::isDirectory).isPresent()) {
          editor.add(new DirCacheEditor.DeleteTree(path));
        }
        Optional<Entry> after = change.after();
        if (after.isEmpty() || after.get().isDirectory()) {
          if (change.before().filter(e -> !e.isDirectory()).isPresent()) {
            editor.add(new DirCacheEditor.DeletePath(path));
          }
          continue;
        }
        ObjectId blob = insertBlob(inserter, base.resolve(change.path()), after.get().type());
        FileMode mode = fileMode(after.get());
        editor.add(
            new DirCacheEditor.PathEdit(path) {
              @Override
              public void apply(DirCacheEntry entry) {
                entry.setFileMode(mode);
                entry.setObjectId(blob);
              }
            });
      }
      editor.finish();
      ObjectId tree = index.writeTree(inserter);
      PersonIdent brio = new PersonIdent("Brio", "brio@localhost");
      CommitBuilder commit = new CommitBuilder();
      commit.setTreeId(tree);
      if (parent != null) {
        commit.setParentId(parent);
      }
      commit.setAuthor(brio);
      commit.setCommitter(brio);
      commit.setMessage("Brio session " + sessionId + "\n");
      ObjectId id = inserter.insert(commit);
      inserter.flush();
      RefUpdate update = repository.updateRef(ref);
      update.setNewObjectId(id);
      update.setExpectedOldObjectId(branchTip != null ? branchTip : ObjectId.zeroId());
      update.setRefLogMessage("brio: session " + sessionId, false);
      RefUpdate.Result result = update.update(walk);
      switch (result) {
        case NEW, FAST_FORWARD, FORCED -> {
          return id;
        }
        default -> throw new IOException("updating " + ref + " failed: " + result);
      }
    }
  }

  private static ObjectId insertBlob(ObjectInserter inserter, Path file, EntryType type)
      throws IOException {
    if (type == EntryType.SYMLINK) {
      byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
      return inserter.insert(Constants.OBJ_BLOB, target);
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      return inserter.insert(Constants.OBJ_BLOB, Files.size(file), in);
    }
  }

  private static FileMode fileMode(Entry entry) {
    if (entry.type() == EntryType.SYMLINK) {
      return FileMode.SYMLINK;
    }
    return (entry.mode() & 0100) != 0 ? FileMode.EXECUTABLE_FILE : FileMode.REGULAR_FILE;
  }
}
