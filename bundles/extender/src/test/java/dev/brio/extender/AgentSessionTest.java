package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import dev.brio.api.session.SessionState;
import dev.brio.extender.roles.Role;
import dev.brio.mesh.Switchboard;
import dev.brio.vfs.WorkspaceSessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent component (components/fixtures/reactor/agent-session.c) works in a real workspace
 * session (bundles/vfs over a temp project) and calls a real tool component (workspace-tool.c)
 * through the real switchboard: both write through WASI into the session, and the commit brings
 * exactly their files to the project.
 */
class AgentSessionTest {
  @TempDir Path dir;
  private Path project;
  private Path outside;
  private TestSessions testSessions;
  private WorkspaceSessions sessions;
  private Switchboard switchboard;
  private Deployer deployer;

  @BeforeEach
  void start() throws Exception {
    project = Files.createDirectories(dir.resolve("projects").resolve("app"));
    Files.writeString(project.resolve("README"), "base\n");
    outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "not for agents\n");
    startKernel();
  }

  /**
   * The session service on {@code dir}'s brio.db and sessions root, and a deployer (the extender's
   * core) with the tools and the agent "coder": what a kernel start brings up.
   */
  private void startKernel() throws Exception {
    testSessions = new TestSessions(dir);
    sessions = testSessions.sessions;
    switchboard = new Switchboard();
    deployer =
        new Deployer(
            TestMesh.COMPILED, switchboard, switchboard, new KernelServices(sessions, null));
    byte[] tool = Fixtures.bytes("workspace-tool");
    deployer.deploy("writer", tool, manifest(Role.TOOL, "writer", 2));
    deployer.deploy("relay", tool, manifest(Role.TOOL, "relay", 1, "writer"));
    deployer.deploy(
        "coder",
        Fixtures.bytes("agent-session"),
        manifest(Role.AGENT, "coder", 1, "writer", "relay"));
  }

  @AfterEach
  void stop() {
    stopKernel();
  }

  private void stopKernel() {
    deployer.close();
    switchboard.close();
    testSessions.close();
  }

  private static ComponentManifest manifest(Role role, String target, int pool, String... grants) {
    return new ComponentManifest(role, target, Set.of(grants), pool, Duration.ofSeconds(60), 8);
  }

  private String call(String target, String method, String argument) throws MeshException {
    Payload answer =
        switchboard.call(TestMesh.OPERATOR, target, method, Payload.json(quoted(argument)));
    return ((Payload.Json) answer).text();
  }

  private MeshException refused(String target, String method, String argument) {
    return assertThrows(MeshException.class, () -> call(target, method, argument));
  }

  private static String quoted(String text) {
    return "\"" + text + "\"";
  }

  @Test
  void theAgentAndTheToolItCallsWorkInOneSessionThatCommitsBoth() throws Exception {
    String id = call("coder", "begin", project.toString());
    id = id.substring(1, id.length() - 1);
    assertEquals(quoted("written"), call("coder", "write", "agent.txt"));
    assertEquals(quoted("written"), call("coder", "call", "tool.txt"));
    assertEquals(quoted("readable"), call("coder", "read", "/workspace/README"));

    assertEquals(
        Set.of("agent.txt", "tool.txt"),
        sessions.touched(id),
        "the session heard of exactly the paths the agent and the tool wrote");
    assertFalse(Files.exists(project.resolve("agent.txt")), "nothing reaches the base before");

    assertEquals("{\"changes\":[\"agent.txt\",\"tool.txt\"]}", call("coder", "commit", ""));
    assertEquals("from the agent\n", Files.readString(project.resolve("agent.txt")));
    assertEquals("from the tool\n", Files.readString(project.resolve("tool.txt")));
    assertEquals("base\n", Files.readString(project.resolve("README")));
    assertEquals(SessionState.COMMITTED, sessions.list().getFirst().state());
  }

  @Test
  void aToolCalledByAToolTheAgentCalledWorksInTheAgentsSessionToo() throws Exception {
    String id = call("coder", "begin", project.toString());
    id = id.substring(1, id.length() - 1);
    assertEquals(quoted("written"), call("coder", "relay", "chained.txt"));
    assertEquals(Set.of("chained.txt"), sessions.touched(id));
    assertEquals("{\"changes\":[\"chained.txt\"]}", call("coder", "commit", ""));
    assertEquals("from the tool\n", Files.readString(project.resolve("chained.txt")));

    MeshException outside = refused("relay", "relay", "chained-outside.txt");
    assertTrue(
        outside.getMessage().contains("Operation not permitted"),
        "the same chain outside any session is denied: " + outside.getMessage());
  }

  @Test
  void nothingOutsideTheSessionIsReachable() throws Exception {
    call("coder", "begin", project.toString());
    for (String path :
        List.of(
            outside.resolve("secret.txt").toString(),
            "/workspace/../../outside/secret.txt",
            project.resolve("README").toString(),
            "/etc/hostname")) {
      MeshException e = refused("coder", "read", path);
      assertTrue(e.getMessage().contains("cannot read " + path), e.getMessage());
    }
  }

  @Test
  void withoutASessionTheWorkspaceIsUnboundForAgentAndTool() throws Exception {
    MeshException tool = refused("writer", "write", "direct.txt");
    assertEquals(MeshErrorKind.TARGET_ERROR, tool.kind());
    assertTrue(
        tool.getMessage().contains("cannot write /workspace/direct.txt: Operation not permitted"),
        tool.getMessage());
    MeshException agent = refused("coder", "write", "early.txt");
    assertTrue(agent.getMessage().contains("Operation not permitted"), agent.getMessage());
    MeshException viaAgent = refused("coder", "call", "early.txt");
    assertTrue(viaAgent.getMessage().contains("Operation not permitted"), viaAgent.getMessage());
  }

  @Test
  void theToolsWorkspaceIsBoundOnlyForTheCallMadeInTheSession() throws Exception {
    call("coder", "begin", project.toString());
    assertEquals(quoted("written"), call("coder", "call", "tool.txt"));
    MeshException direct = refused("writer", "write", "direct.txt");
    assertTrue(direct.getMessage().contains("Operation not permitted"), direct.getMessage());
    call("coder", "commit", "");
    MeshException late = refused("coder", "write", "late.txt");
    assertTrue(late.getMessage().contains("Operation not permitted"), late.getMessage());
    try (var files = Files.list(project)) {
      assertEquals(
          Set.of("README", "tool.txt"),
          Set.copyOf(files.map(p -> p.getFileName().toString()).toList()));
    }
  }

  @Test
  void aConflictingCommitAnswersTheConflictCaseWithItsPaths() throws Exception {
    call("coder", "begin", project.toString());
    assertEquals(quoted("written"), call("coder", "write", "README"));
    Files.writeString(project.resolve("README"), "changed in the base meanwhile\n");

    MeshException conflict = refused("coder", "commit", "");
    assertEquals("target error: coder.commit: conflict: README", conflict.getMessage());
    assertEquals(
        quoted("readable"),
        call("coder", "read", "/workspace/README"),
        "a conflict leaves the session open and the workspace bound");
    assertEquals(quoted("aborted"), call("coder", "abort", ""));
    assertEquals("changed in the base meanwhile\n", Files.readString(project.resolve("README")));
  }

  @Test
  void aFreshInstanceReplacingOneThatTrappedKeepsTheOpenSession() throws Exception {
    String id = call("coder", "begin", project.toString());
    id = id.substring(1, id.length() - 1);
    MeshException trap = refused("coder", "trap", "");
    assertTrue(trap.getMessage().contains("trapped"), trap.getMessage());
    assertEquals(quoted("written"), call("coder", "write", "after.txt"));
    assertEquals(Set.of("after.txt"), sessions.touched(id));
    assertEquals(
        "[{\"id\":\"%s\",\"state\":0,\"base\":\"%s\"}]".formatted(id, project.toRealPath()),
        call("coder", "list", ""),
        "the fresh instance finds the open session with list-sessions");
  }

  @Test
  void aNewVersionOfTheAgentListsTheSessionsItsEarlierVersionLeftOpen() throws Exception {
    String id = call("coder", "begin", project.toString());
    id = id.substring(1, id.length() - 1);
    String listed =
        "[{\"id\":\"%s\",\"state\":0,\"base\":\"%s\"}]".formatted(id, project.toRealPath());
    deployer.deploy(
        "coder",
        Fixtures.bytes("agent-session"),
        manifest(Role.AGENT, "coder", 1, "writer", "relay"));
    assertEquals(listed, call("coder", "list", ""), "the new version reaches the open session");
    deployer.undeploy("coder");
    deployer.deploy(
        "coder",
        Fixtures.bytes("agent-session"),
        manifest(Role.AGENT, "coder", 1, "writer", "relay"));
    assertEquals(listed, call("coder", "list", ""), "so does the agent deployed again");
    deployer.deploy(
        "other", Fixtures.bytes("agent-session"), manifest(Role.AGENT, "other", 1, "writer"));
    assertEquals("[]", call("other", "list", ""), "another agent does not");
  }

  @Test
  void afterAKernelRestartTheAgentListsAndCommitsTheSessionItLeftOpen() throws Exception {
    String id = call("coder", "begin", project.toString());
    id = id.substring(1, id.length() - 1);
    assertEquals(quoted("written"), call("coder", "write", "agent.txt"));
    assertEquals(quoted("written"), call("coder", "call", "tool.txt"));
    stopKernel();

    startKernel(); // a new deployer, session service and store on the same brio.db
    sessions.recover();
    String listed =
        "[{\"id\":\"%s\",\"state\":0,\"base\":\"%s\"}]".formatted(id, project.toRealPath());
    assertEquals(listed, call("coder", "list", ""), "the agent finds its open session");
    assertEquals(
        "{\"changes\":[\"agent.txt\",\"tool.txt\"]}",
        call("coder", "commit", id),
        "and commits it by id: a full rescan, since the touched paths died with the old kernel");
    assertEquals("from the agent\n", Files.readString(project.resolve("agent.txt")));
    assertEquals("from the tool\n", Files.readString(project.resolve("tool.txt")));
    assertEquals(SessionState.COMMITTED, sessions.list().getFirst().state());
  }

  @Test
  void anotherAgentNeverReachesTheSessionAgainAfterARestartEither() throws Exception {
    String id = call("coder", "begin", project.toString());
    id = id.substring(1, id.length() - 1);
    assertEquals(quoted("written"), call("coder", "write", "agent.txt"));
    stopKernel();

    startKernel();
    sessions.recover();
    deployer.deploy(
        "other", Fixtures.bytes("agent-session"), manifest(Role.AGENT, "other", 1, "writer"));
    assertEquals("[]", call("other", "list", ""));
    for (String method : List.of("commit", "abort")) {
      MeshException refused = refused("other", method, id);
      assertEquals(
          "target error: other.%s: unknown-session: %s".formatted(method, id),
          refused.getMessage());
    }
    assertEquals(SessionState.OPEN, sessions.list().getFirst().state(), "left as it was");
    assertFalse(Files.exists(project.resolve("agent.txt")));
    assertEquals(quoted("aborted"), call("coder", "abort", id), "its owner still may");
  }

  @Test
  void aBaseOutsideTheAllowedRootsIsRefusedWithItsCase() throws IOException {
    MeshException e = refused("coder", "begin", outside.toString());
    assertTrue(
        e.getMessage().startsWith("target error: coder.begin: outside-roots: "), e.getMessage());
    assertTrue(sessions.list().isEmpty());
  }
}
