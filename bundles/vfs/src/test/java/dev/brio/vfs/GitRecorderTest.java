package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.CommitResult;
import dev.brio.api.session.SessionInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.util.FS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitRecorderTest {

  @TempDir Path temp;

  /**
   * The component measures JGit's file-store timing in the background; here it is measured up front
   * (cached under the build's XDG_CONFIG_HOME afterwards), because the background probe writes into
   * .git/objects while @TempDir is being deleted.
   */
  @BeforeAll
  static void measureFileStoreUpFront() {
    FS.FileStoreAttributes.setBackground(false);
  }

  @Test
  void recordsTheCommitOnTheConfiguredBranchWithoutMovingHead() throws Exception {
    Path projects = Files.createDirectories(temp.resolve("projects"));
    Path base = projects.resolve("repo");
    Trees.write(base, "README.md", "hello\n");
    Trees.write(base, "src/Old.java", "class Old {}\n");
    ObjectId mainTip;
    try (Git git = Git.init().setDirectory(base.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      mainTip =
          git.commit().setMessage("initial").setAuthor("t", "t@t").setCommitter("t", "t@t").call();
    }
    VfsSettings settings =
        VfsSettings.of(
                java.util.List.of(projects),
                temp.resolve("sessions"),
                Fixture.ledgerAt(temp.resolve("brio.db")))
            .withGitBranch("brio");
    WorkspaceSessions sessions =
        new WorkspaceSessions(settings, CommitSteps.none(), () -> java.time.Instant.EPOCH);
    SessionInfo info = sessions.begin(base.toString());
    Path session = sessions.directory(info.id());
    Files.writeString(session.resolve("README.md"), "hello, brio\n");
    Files.delete(session.resolve("src/Old.java"));
    Trees.chmod(Trees.write(session, "tools/run.sh", "#!/bin/sh\n"), "rwxr-xr-x");
    Files.createSymbolicLink(session.resolve("latest"), Path.of("README.md"));

    CommitResult result = sessions.commit(info.id());

    assertTrue(result.gitCommit().isPresent(), "a git commit was recorded");
    try (Repository repository = Git.open(base.toFile()).getRepository();
        RevWalk walk = new RevWalk(repository)) {
      assertEquals("refs/heads/main", repository.exactRef(Constants.HEAD).getTarget().getName());
      assertEquals(mainTip, repository.resolve("refs/heads/main"), "main did not move");
      RevCommit commit = walk.parseCommit(repository.resolve("refs/heads/brio"));
      assertEquals(result.gitCommit().get(), commit.name());
      assertEquals(mainTip, commit.getParent(0));
      assertEquals("hello, brio\n", read(repository, commit, "README.md"));
      assertNull(TreeWalk.forPath(repository, "src/Old.java", commit.getTree()));
      TreeWalk script = TreeWalk.forPath(repository, "tools/run.sh", commit.getTree());
      assertNotNull(script);
      assertEquals(FileMode.EXECUTABLE_FILE, script.getFileMode(0));
      TreeWalk link = TreeWalk.forPath(repository, "latest", commit.getTree());
      assertEquals(FileMode.SYMLINK, link.getFileMode(0));
      assertEquals("README.md", read(repository, commit, "latest"));
    }

    // A second session builds on the branch, not on HEAD.
    SessionInfo second = sessions.begin(base.toString());
    Files.writeString(sessions.directory(second.id()).resolve("README.md"), "again\n");
    CommitResult next = sessions.commit(second.id());
    try (Repository repository = Git.open(base.toFile()).getRepository();
        RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(repository.resolve("refs/heads/brio"));
      assertEquals(next.gitCommit().get(), commit.name());
      assertEquals(result.gitCommit().get(), commit.getParent(0).name());
      assertEquals(mainTip, repository.resolve("refs/heads/main"));
    }
  }

  @Test
  void aBaseThatIsNoGitWorkTreeGetsNoGitCommit() throws Exception {
    Path projects = Files.createDirectories(temp.resolve("projects"));
    Path base = projects.resolve("plain");
    Trees.write(base, "a.txt", "a\n");
    VfsSettings settings =
        VfsSettings.of(
                java.util.List.of(projects),
                temp.resolve("sessions"),
                Fixture.ledgerAt(temp.resolve("brio.db")))
            .withGitBranch("brio");
    WorkspaceSessions sessions =
        new WorkspaceSessions(settings, CommitSteps.none(), () -> java.time.Instant.EPOCH);
    SessionInfo info = sessions.begin(base.toString());
    Files.writeString(sessions.directory(info.id()).resolve("a.txt"), "b\n");

    assertTrue(sessions.commit(info.id()).gitCommit().isEmpty());
    assertEquals("b\n", Files.readString(base.resolve("a.txt")));
  }

  private static String read(Repository repository, RevCommit commit, String path)
      throws Exception {
    try (TreeWalk walk = TreeWalk.forPath(repository, path, commit.getTree())) {
      return new String(repository.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
    }
  }
}
