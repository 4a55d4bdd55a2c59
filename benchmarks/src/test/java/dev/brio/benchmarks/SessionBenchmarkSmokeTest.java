package dev.brio.benchmarks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.session.ChangeKind;
import dev.brio.api.session.CommitResult;
import dev.brio.api.session.PathChange;
import dev.brio.api.session.SessionInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Runs every session benchmark method once, untimed, on a 200-file tree. */
class SessionBenchmarkSmokeTest {

  private static final int FILES = 200;

  private final SessionBenchmark benchmark = new SessionBenchmark();

  @Test
  void changedPathsAreTenDistinctFilesOfTheTree() {
    List<String> paths = SessionBenchmark.changedPaths(FILES);
    assertEquals(10, new HashSet<>(paths).size());
    assertEquals(10, new HashSet<>(SessionBenchmark.changedPaths(10_000)).size());
    for (String path : paths) {
      int directory = Integer.parseInt(path.substring(1, 4));
      assertTrue(directory < FILES / 100, path);
    }
  }

  @Test
  void beginCopiesEveryFile() throws Exception {
    var state = new SessionBenchmark.BeginState();
    state.files = FILES;
    state.tree();
    try {
      assertEquals(FILES, SessionBenchmark.countFiles(state.base));
      SessionInfo info = benchmark.beginSession(state);
      Path directory = state.sessions.directory(info.id());
      assertEquals(FILES, SessionBenchmark.countFiles(directory));
      String one = SessionBenchmark.path(1, 42);
      assertArrayEquals(
          Files.readAllBytes(state.base.resolve(one)), Files.readAllBytes(directory.resolve(one)));
      state.cleanUp();
      assertFalse(Files.exists(directory), "the session is removed between calls");
      assertTrue(state.sessions.list().isEmpty());
    } finally {
      state.delete();
    }
    assertFalse(Files.exists(state.root));
  }

  @Test
  void cpBaselineCopiesEveryFile() throws Exception {
    var state = new SessionBenchmark.BeginState();
    state.files = FILES;
    state.tree();
    try {
      assertEquals(0, benchmark.cpRecursive(state));
      assertEquals(FILES, SessionBenchmark.countFiles(state.copy));
      state.cleanUp();
      assertFalse(Files.exists(state.copy), "the copy is removed between calls");
    } finally {
      state.delete();
    }
    assertFalse(Files.exists(state.root));
  }

  @Test
  void commitAppliesTheTenChanges() throws Exception {
    var state = new SessionBenchmark.CommitState();
    state.files = FILES;
    state.tree();
    try {
      for (int round = 1; round <= 2; round++) {
        state.tenChanges();
        assertEquals(10, state.sessions.touched(state.sessionId).size());
        CommitResult result = benchmark.commitTenChanges(state);
        assertEquals(10, result.changes().size());
        Set<String> changed = new HashSet<>(SessionBenchmark.changedPaths(FILES));
        for (PathChange change : result.changes()) {
          assertEquals(ChangeKind.MODIFIED, change.kind(), change.path());
          assertTrue(changed.contains(change.path()), change.path());
          assertArrayEquals(
              SessionBenchmark.content(change.path(), round),
              Files.readAllBytes(state.base.resolve(change.path())));
        }
        state.cleanUp();
        assertTrue(state.sessions.list().isEmpty(), "the committed session is removed");
      }
      assertEquals(FILES, SessionBenchmark.countFiles(state.base));
    } finally {
      state.delete();
    }
    assertFalse(Files.exists(state.root));
  }

  @Test
  void gitStatusListsTheTenChanges() throws Exception {
    var state = new SessionBenchmark.GitState();
    state.files = FILES;
    state.repository();
    try {
      for (int round = 1; round <= 2; round++) {
        state.tenChanges();
        List<String> lines = benchmark.gitStatus(state);
        assertEquals(10, lines.size(), lines.toString());
        Set<String> expected = new HashSet<>();
        for (String path : SessionBenchmark.changedPaths(FILES)) {
          expected.add(" M " + path);
        }
        assertEquals(expected, new HashSet<>(lines));
      }
    } finally {
      state.delete();
    }
    assertFalse(Files.exists(state.root));
  }
}
