package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.CallInfo;
import dev.brio.api.session.SessionInfo;
import dev.brio.wasi.filesystem.WorkspaceRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool's workspace against the real session service: bound to the caller's session for the call,
 * and cut off at the call's deadline even while the handler is still running.
 */
class ToolWorkspaceTest {
  @TempDir Path dir;
  private TestSessions sessions;
  private final Deadlines deadlines = new Deadlines();
  private final WorkspaceRoot root = new WorkspaceRoot("/workspace");
  private ToolWorkspace workspace;
  private SessionInfo session;

  @BeforeEach
  void setUp() throws Exception {
    sessions = new TestSessions(dir);
    Files.writeString(Files.createDirectories(sessions.projects.resolve("app")).resolve("a"), "a");
    session = sessions.sessions.begin(sessions.projects.resolve("app").toString(), true);
    workspace =
        new ToolWorkspace(
            "formatter", new KernelServices(sessions.sessions, null), root, deadlines);
  }

  @AfterEach
  void tearDown() {
    deadlines.close();
    sessions.close();
  }

  private CallInfo call(long id, Duration left) {
    return new CallInfo(
        id, 0, "coder", "formatter", "format", Instant.now().plus(left), Optional.of(session.id()));
  }

  private void awaitUnbound() throws InterruptedException {
    for (int i = 0; i < 500 && root.directory().isPresent(); i++) {
      Thread.sleep(20);
    }
  }

  @Test
  void boundToTheCallersSessionForTheCallAndUnboundAfter() throws Exception {
    try (var _ = workspace.enter(call(1, Duration.ofMinutes(1)))) {
      assertEquals(Optional.of(sessions.sessions.directory(session.id())), root.directory());
    }
    assertFalse(root.directory().isPresent());
  }

  @Test
  void aCallStillRunningAtItsDeadlineLosesTheSession() throws Exception {
    try (var _ = workspace.enter(call(1, Duration.ofMillis(200)))) {
      assertTrue(root.directory().isPresent());
      awaitUnbound(); // the handler has not returned: the deadline alone ends the binding
      assertFalse(root.directory().isPresent(), "unbound at the deadline");
    }
  }

  @Test
  void anEarlierCallsDeadlineDoesNotEndALaterCallsBinding() throws Exception {
    workspace.enter(call(1, Duration.ofMillis(200))).close();
    try (var _ = workspace.enter(call(2, Duration.ofMinutes(1)))) {
      Thread.sleep(400); // past the first call's deadline
      assertTrue(root.directory().isPresent());
    }
  }
}
