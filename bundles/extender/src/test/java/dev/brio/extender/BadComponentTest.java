package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.api.mesh.Payload;
import dev.brio.component.link.Engine;
import dev.brio.component.link.Execution;
import dev.brio.extender.DeployException.Reason;
import dev.brio.extender.roles.Role;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Components the extender refuses, each for a reason it names; the mesh carries on. */
class BadComponentTest {

  private static DeployException refused(TestMesh mesh, String name, byte[] wasm) {
    return assertThrows(
        DeployException.class, () -> mesh.deployer.deploy(name, wasm, TestMesh.tool(name, 1)));
  }

  @Test
  void bytesThatAreNotAComponent() {
    try (var mesh = new TestMesh()) {
      var e = refused(mesh, "junk", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
      assertEquals(Reason.PARSE, e.reason());
      assertEquals(true, e.getMessage().startsWith("junk.wasm is not a valid component: "));
    }
  }

  @Test
  void importsOutsideTheRolesWorld() {
    try (var mesh = new TestMesh()) {
      var e = refused(mesh, "sql-tool", Fixtures.bytes("sql-tool"));
      assertEquals(Reason.ROLE, e.reason());
      assertEquals(
          "sql-tool.wasm (role tool) imports brio:core/sql-state@0.1.0, which the tool world does"
              + " not include; sql-tool.wasm (role tool) must export brio:core/handler@0.1.0",
          e.getMessage());
    }
  }

  @Test
  void anImportTheKernelDoesNotProvide() {
    try (var mesh = new TestMesh()) {
      var e = refused(mesh, "broadcast-tool", Fixtures.bytes("broadcast-tool"));
      assertEquals(Reason.LINK, e.reason());
      assertEquals(
          "broadcast-tool.wasm cannot be instantiated: missing import"
              + " brio:core/service-mesh@0.1.0#broadcast: func()",
          e.getMessage());
    }
  }

  @Test
  void nothingIsDeployedOnceTheDeployerIsClosed() {
    try (var mesh = new TestMesh()) {
      mesh.deployer.close();
      var e = refused(mesh, "late", Fixtures.bytes("mesh-tool"));
      assertEquals(Reason.STOPPED, e.reason());
      assertEquals(List.of(), mesh.deployer.names());
    }
  }

  @Test
  void startCodeThatNeverEndsIsStoppedAtTheDeadlineAndTheDeployerGoesOn() throws Exception {
    try (var mesh = new TestMesh()) {
      var manifest =
          new ComponentManifest(Role.TOOL, "looping", Set.of(), 1, Duration.ofMillis(500), 64);
      var e =
          assertThrows(
              DeployException.class,
              () ->
                  mesh.deployer.deploy("looping", Fixtures.bytes("looping-start-tool"), manifest));
      assertEquals(Reason.LINK, e.reason());
      assertEquals(
          "looping.wasm: its start code did not finish within 500 ms (the component's timeoutMs)",
          e.getMessage());
      assertEquals(List.of(), mesh.deployer.names());
      // the deployer is free for the next component
      mesh.deployer.deploy("next", Fixtures.bytes("mesh-tool"), TestMesh.tool("next", 1));
      // on the interpreter too (the kernel's components start there while they compile)
      try (var interpreted =
          new Deployer(
              Engine.builder().execution(Execution.INTERPRETER).build(),
              mesh.switchboard,
              mesh.switchboard)) {
        var stopped =
            assertThrows(
                DeployException.class,
                () ->
                    interpreted.deploy("looping", Fixtures.bytes("looping-start-tool"), manifest));
        assertEquals(Reason.LINK, stopped.reason());
      }
      assertEquals(
          Payload.json("\"OK\""),
          mesh.switchboard.call(TestMesh.OPERATOR, "next", "m", Payload.json("\"ok\"")));
    }
  }

  @Test
  void aTargetNameAlreadyServed() throws Exception {
    try (var mesh = new TestMesh()) {
      mesh.deployer.deploy("first", Fixtures.bytes("mesh-tool"), TestMesh.tool("shared", 1));
      var e =
          assertThrows(
              DeployException.class,
              () ->
                  mesh.deployer.deploy(
                      "second", Fixtures.bytes("mesh-tool"), TestMesh.tool("shared", 1)));
      assertEquals(Reason.CONFLICT, e.reason());
      assertEquals(
          "second.wasm cannot serve target shared: a target named shared is already registered",
          e.getMessage());
      assertEquals(List.of("first"), mesh.deployer.names());
      assertEquals(
          Payload.json("\"OK\""),
          mesh.switchboard.call(TestMesh.OPERATOR, "shared", "m", Payload.json("\"ok\"")));
    }
  }

  @Test
  void aBadNewVersionTakesTheOldOneOut() throws Exception {
    try (var mesh = new TestMesh()) {
      mesh.deployer.deploy("tool", Fixtures.bytes("mesh-tool"), TestMesh.tool("tool", 1));
      refused(mesh, "tool", Fixtures.bytes("sql-tool"));
      assertEquals(List.of(), mesh.deployer.names());
      assertEquals(List.of(), mesh.switchboard.targets());
    }
  }
}
