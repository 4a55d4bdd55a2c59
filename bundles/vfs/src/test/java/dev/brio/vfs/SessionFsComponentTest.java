package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionFsComponentTest {

  @TempDir Path temp;

  private static SessionFsConfig config(
      String[] roots, String sessionsRoot, long retentionHours, String branch) {
    return config(roots, sessionsRoot, retentionHours, branch, 168);
  }

  private static SessionFsConfig config(
      String[] roots,
      String sessionsRoot,
      long retentionHours,
      String branch,
      long openMaxAgeHours) {
    return new SessionFsConfig() {
      @Override
      public Class<? extends Annotation> annotationType() {
        return SessionFsConfig.class;
      }

      @Override
      public String[] allowedRoots() {
        return roots;
      }

      @Override
      public String sessionsRoot() {
        return sessionsRoot;
      }

      @Override
      public long retentionHours() {
        return retentionHours;
      }

      @Override
      public String gitBranch() {
        return branch;
      }

      @Override
      public long openMaxAgeHours() {
        return openMaxAgeHours;
      }
    };
  }

  @Test
  void configurationMapsToSettingsWithDefaults() throws Exception {
    Fixture f = new Fixture(temp);
    VfsSettings defaults =
        SessionFsComponent.settings(config(new String[] {" "}, "", 24, ""), f.ledger());
    assertEquals(List.of(), defaults.allowedRoots());
    assertEquals(VfsSettings.defaultSessionsRoot(), defaults.sessionsRoot());
    assertEquals(Duration.ofHours(24), defaults.retention());
    assertEquals(Optional.empty(), defaults.gitBranch());
    assertEquals(Duration.ofDays(7), defaults.openMaxAge());
    assertEquals(VfsSettings.DEFAULT_OPEN_MAX_AGE, defaults.openMaxAge());

    VfsSettings set =
        SessionFsComponent.settings(
            config(new String[] {"/srv/projects"}, "/var/s", 2, "brio", 0), f.ledger());
    assertEquals(List.of(Path.of("/srv/projects")), set.allowedRoots());
    assertEquals(Path.of("/var/s"), set.sessionsRoot());
    assertEquals(Duration.ofHours(2), set.retention());
    assertEquals(Optional.of("brio"), set.gitBranch());
    assertEquals(Duration.ZERO, set.openMaxAge(), "0 hours: open sessions never expire");
    assertEquals(
        Duration.ZERO,
        SessionFsComponent.settings(config(new String[0], "", 24, "", -5), f.ledger()).openMaxAge(),
        "a negative age is read as never");
    assertEquals(f.ledger().getClass(), set.ledger().getClass());
  }

  @Test
  void theCleanupAtActivationAbortsOpenSessionsPastTheConfiguredAge() throws Exception {
    Fixture f = new Fixture(temp);
    f.now = Instant.now().minus(Duration.ofDays(30)); // begun a month ago
    WorkspaceSessions before = f.sessions();
    SessionInfo old = before.begin(f.base.toString(), true, Optional.of("coder"));
    f.now = Instant.now();
    SessionInfo fresh = before.begin(f.base.toString(), true, Optional.of("coder"));

    SessionFsComponent component =
        new SessionFsComponent(
            config(new String[] {f.projects.toString()}, f.sessionsRoot.toString(), 24, "", 168),
            f.ledger());
    try {
      Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
      while (f.ledger().find(old.id()).orElseThrow().state() == SessionState.OPEN
          && Instant.now().isBefore(giveUp)) {
        Thread.sleep(20);
      }
      assertEquals(SessionState.ABORTED, f.ledger().find(old.id()).orElseThrow().state());
      assertEquals(SessionState.OPEN, f.ledger().find(fresh.id()).orElseThrow().state());
      assertEquals(List.of(fresh), component.listOwnedBy("coder").stream().skip(1).toList());
    } finally {
      component.deactivate();
    }
  }

  @Test
  void activationRecoversAnInterruptedCommitBeforeServing() throws Exception {
    Fixture f = new Fixture(temp);
    WorkspaceSessions sessions = f.sessions();
    SessionInfo info = sessions.begin(f.base.toString());
    Files.writeString(sessions.directory(info.id()).resolve("README.md"), "journaled\n");
    // Leave a complete journal behind, as a crash right after the commit point would.
    Path session = sessions.directory(info.id());
    Snapshot snapshot = f.snapshot(info.id());
    List<Change> changes = SessionDiff.fullRescan(session, snapshot);
    ConflictCheck check = ConflictCheck.run(f.base.toRealPath(), snapshot, changes);
    CommitSteps crashAfterJournal =
        step -> {
          if (step.equals("after-commit-point")) {
            throw new IllegalStateException("simulated crash");
          }
        };
    Committer committer =
        new Committer(
            new SessionFiles(f.sessionsRoot.toRealPath()), new FileCloner(), crashAfterJournal);
    try {
      committer.apply(
          info.id(),
          f.base.toRealPath(),
          session,
          CommitPlan.of(info.id(), changes, check.current()));
    } catch (IllegalStateException expected) {
      // the simulated crash
    }
    assertEquals("# sample\n", Files.readString(f.base.resolve("README.md")));

    SessionFsComponent component =
        new SessionFsComponent(
            config(new String[] {f.projects.toString()}, f.sessionsRoot.toString(), 24, ""),
            f.ledger());
    try {
      assertEquals("journaled\n", Files.readString(f.base.resolve("README.md")));
      assertEquals(SessionState.COMMITTED, component.list().getFirst().state());
      SessionInfo next = component.begin(f.base.toString());
      assertTrue(Files.isDirectory(component.directory(next.id())));
    } finally {
      component.deactivate();
    }
  }
}
