package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.Caller;
import dev.brio.api.session.SessionError;
import dev.brio.api.session.SessionException;
import dev.brio.api.session.SessionInfo;
import dev.brio.api.session.SessionState;
import dev.brio.vfs.WorkspaceSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How an agent's workspace follows its sessions, on a real session service. */
class AgentWorkspaceTest {
  @TempDir Path dir;
  private Path project;
  private TestSessions testSessions;
  private WorkspaceSessions sessions;
  private AgentWorkspace agent;

  @BeforeEach
  void start() throws Exception {
    project = Files.createDirectories(dir.resolve("projects").resolve("app"));
    Files.writeString(project.resolve("README"), "base\n");
    testSessions = new TestSessions(dir);
    sessions = testSessions.sessions;
    agent = new AgentWorkspace(new KernelServices(sessions, null), Workspaces.newRoot(), "coder");
  }

  @AfterEach
  void stop() {
    testSessions.close();
  }

  @Test
  void beginBindsTheRootToTheSessionAndTheAgentsCallsCarryIt() throws Exception {
    assertEquals(Optional.empty(), agent.root().directory());
    SessionInfo info = agent.begin(project.toString());
    assertEquals(
        Optional.of(sessions.directory(info.id()).toAbsolutePath()), agent.root().directory());
    var base = new Caller("coder", Set.of("writer"), Duration.ofSeconds(1));
    assertEquals(Optional.of(info.id()), agent.caller(base).session());
    agent.abort(info.id());
    assertEquals(Optional.empty(), agent.root().directory(), "an abort unbinds the root");
    assertEquals(Optional.empty(), agent.caller(base).session());
  }

  @Test
  void aSecondBeginMovesTheRootAndTheFirstSessionStaysCommittable() throws Exception {
    SessionInfo first = agent.begin(project.toString());
    SessionInfo second = agent.begin(project.toString());
    assertEquals(Optional.of(second.id()), agent.session());
    agent.commit(first.id());
    assertEquals(Optional.of(second.id()), agent.session(), "the bound session is untouched");
    agent.commit(second.id());
    assertEquals(Optional.empty(), agent.root().directory());
  }

  @Test
  void anAgentReachesOnlyTheSessionsItBegan() throws Exception {
    var other =
        new AgentWorkspace(new KernelServices(sessions, null), Workspaces.newRoot(), "reviewer");
    SessionInfo theirs = other.begin(project.toString());
    SessionInfo mine = agent.begin(project.toString());
    SessionInfo nobodys = sessions.begin(project.toString(), true); // the kernel's, say
    for (var operation : List.<Attempt>of(agent::commit, agent::abort)) {
      for (String id : List.of(theirs.id(), nobodys.id())) {
        SessionException e = assertThrows(SessionException.class, () -> operation.on(id));
        assertEquals(new SessionError.UnknownSession(id), e.error());
      }
    }
    assertEquals(List.of(mine.id()), agent.list().stream().map(SessionInfo::id).toList());
    assertEquals(List.of(theirs.id()), other.list().stream().map(SessionInfo::id).toList());
    assertEquals(Optional.of("coder"), sessions.list().get(1).owner(), "recorded in the ledger");
    assertEquals(3, sessions.list().size());
    assertEquals(
        List.of(SessionState.OPEN, SessionState.OPEN, SessionState.OPEN),
        sessions.list().stream().map(SessionInfo::state).toList(),
        "the refused commits and aborts left every session as it was");
  }

  @Test
  void aBoundSessionEndedElsewhereUnbindsTheRootOnTheAgentsNextCommitOrAbort() throws Exception {
    for (var operation : List.<Attempt>of(agent::commit, agent::abort)) {
      SessionInfo info = agent.begin(project.toString());
      // ended behind the agent's back (the retention period, or an operator)
      sessions.abort(info.id());
      SessionException e = assertThrows(SessionException.class, () -> operation.on(info.id()));
      assertEquals(new SessionError.UnknownSession(info.id()), e.error());
      assertEquals(Optional.empty(), agent.session(), "the root no longer names a gone session");
      assertEquals(Optional.empty(), agent.root().directory());
      assertTrue(
          agent.list().stream()
              .anyMatch(s -> s.id().equals(info.id()) && s.state() == SessionState.ABORTED),
          "it lists the session as aborted until the retention period removes it");
    }
  }

  @Test
  void workspacesOfTheSameAgentNameReachEachOthersSessions() throws Exception {
    var services = new KernelServices(sessions, null);
    var first = new AgentWorkspace(services, Workspaces.newRoot(), "coder");
    SessionInfo open = first.begin(project.toString());
    var next = new AgentWorkspace(services, Workspaces.newRoot(), "coder");
    assertEquals(List.of(open.id()), next.list().stream().map(SessionInfo::id).toList());
    assertEquals(Optional.empty(), next.session(), "a new version starts unbound");
    next.abort(open.id());
    var stranger = new AgentWorkspace(services, Workspaces.newRoot(), "reviewer");
    SessionInfo theirs = stranger.begin(project.toString());
    SessionException e = assertThrows(SessionException.class, () -> next.commit(theirs.id()));
    assertEquals(new SessionError.UnknownSession(theirs.id()), e.error());
  }

  @Test
  void withoutTheSessionServiceEveryOperationIsAnIoError() {
    var alone = new AgentWorkspace(new KernelServices(), Workspaces.newRoot(), "coder");
    SessionException e =
        assertThrows(SessionException.class, () -> alone.begin(project.toString()));
    assertInstanceOf(SessionError.Io.class, e.error());
    assertTrue(e.getMessage().contains("not running"), e.getMessage());
    assertEquals(List.of(), alone.list());
  }

  @FunctionalInterface
  private interface Attempt {
    void on(String id) throws SessionException;
  }
}
