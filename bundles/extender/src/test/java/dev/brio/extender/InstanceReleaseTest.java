package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import dev.brio.extender.roles.Role;
import dev.brio.mesh.Switchboard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent component (components/fixtures/reactor/agent-session.c) opens a file in its
 * workspace session and never closes it; whenever its instance is dropped (it trapped, or the
 * component was undeployed or replaced) the host file is closed at once, as /proc/self/fd shows,
 * not whenever the collector gets to it.
 */
class InstanceReleaseTest {
  private static final String HELD = "held-by-the-agent.txt";

  @TempDir Path dir;
  private Path project;
  private TestSessions testSessions;
  private Switchboard switchboard;
  private Deployer deployer;

  @BeforeEach
  void start() throws Exception {
    project = Files.createDirectories(dir.resolve("projects").resolve("app"));
    testSessions = new TestSessions(dir);
    switchboard = new Switchboard();
    deployer =
        new Deployer(
            TestMesh.COMPILED,
            switchboard,
            switchboard,
            new KernelServices(testSessions.sessions, null));
    deployAgent();
  }

  @AfterEach
  void stop() {
    deployer.close();
    switchboard.close();
    testSessions.close();
  }

  private void deployAgent() throws Exception {
    deployer.deploy(
        "coder",
        Fixtures.bytes("agent-session"),
        new ComponentManifest(Role.AGENT, "coder", Set.of(), 1, Duration.ofSeconds(60), 8));
  }

  private String call(String method, String argument) throws MeshException {
    Payload answer =
        switchboard.call(TestMesh.OPERATOR, "coder", method, Payload.json("\"" + argument + "\""));
    return ((Payload.Json) answer).text();
  }

  /**
   * Begins a session and has the agent open a file in it that it never closes; answers the
   * session's directory.
   */
  private Path holdAFile() throws Exception {
    String id = call("begin", project.toString());
    assertEquals("\"held\"", call("hold", HELD));
    assertEquals(1, openHostFiles(), "the guest's open file is a host file descriptor");
    return testSessions.sessions.directory(id.substring(1, id.length() - 1)).toRealPath();
  }

  /** How many of this process's file descriptors are open on the held file. */
  private static long openHostFiles() throws IOException {
    return openFds(target -> target.endsWith("/" + HELD));
  }

  private static long openFds(Predicate<String> target) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> target.test(target(fd))).count();
    }
  }

  private static String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return ""; // closed since it was listed (the listing's own descriptor, say)
    }
  }

  @Test
  void aTrapClosesTheFilesTheDroppedInstanceHeld() throws Exception {
    holdAFile();
    MeshException trap = assertThrows(MeshException.class, () -> call("trap", ""));
    assertTrue(trap.getMessage().contains("trapped"), trap.getMessage());
    assertEquals(0, openHostFiles(), "the trapped instance's file is still open");
    assertEquals("\"held\"", call("hold", HELD), "the fresh instance works in the same session");
    assertEquals(1, openHostFiles());
  }

  @Test
  void undeployClosesTheFilesItsInstanceHeldAndUnbindsItsWorkspace() throws Exception {
    Path session = holdAFile();
    Predicate<String> onSession = target -> target.equals(session.toString());
    assertEquals(1, openFds(onSession), "the bound workspace holds the session's directory");
    assertTrue(deployer.undeploy("coder"));
    assertEquals(0, openHostFiles(), "the undeployed instance's file is still open");
    assertEquals(0, openFds(onSession), "the undeployed agent's workspace is still bound");
  }

  @Test
  void aNewVersionClosesTheFilesTheOldInstanceHeld() throws Exception {
    holdAFile();
    deployAgent();
    assertEquals(0, openHostFiles(), "the replaced instance's file is still open");
  }
}
