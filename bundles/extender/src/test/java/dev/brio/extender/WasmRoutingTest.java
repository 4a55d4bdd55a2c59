package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.MeshErrorKind;
import dev.brio.api.mesh.MeshException;
import dev.brio.api.mesh.Payload;
import org.junit.jupiter.api.Test;

/** Calls routed through the real switchboard into real components. */
class WasmRoutingTest {

  @Test
  void aCallReachesTheComponentAndItsAnswerComesBack() throws Exception {
    try (var mesh = new TestMesh()) {
      mesh.deployer.deploy("mesh-tool", Fixtures.bytes("mesh-tool"), TestMesh.tool("upper", 1));
      assertEquals(
          Payload.json("{\"TEXT\":\"HÉLLO\"}"),
          mesh.switchboard.call(
              TestMesh.OPERATOR, "upper", "upper", Payload.json("{\"text\":\"hÉllo\"}")));
      assertEquals(
          Payload.binary(new byte[] {'A', 'B', 0, (byte) 0xff}),
          mesh.switchboard.call(
              TestMesh.OPERATOR,
              "upper",
              "upper",
              Payload.binary(new byte[] {'a', 'B', 0, (byte) 0xff})));
    }
  }

  @Test
  void theComponentsErrorIsTheCallersError() throws Exception {
    try (var mesh = new TestMesh()) {
      mesh.deployer.deploy("mesh-tool", Fixtures.bytes("mesh-tool"), TestMesh.tool("upper", 1));
      MeshException e =
          assertThrows(
              MeshException.class,
              () -> mesh.switchboard.call(TestMesh.OPERATOR, "upper", "fail", Payload.json("{}")));
      assertEquals(MeshErrorKind.TARGET_ERROR, e.kind());
      assertEquals("target error: upper.fail: tool failed on request", e.getMessage());
    }
  }

  @Test
  void aComponentCallsAnotherThroughTheMeshWithinItsGrants() throws Exception {
    try (var mesh = new TestMesh()) {
      mesh.deployer.deploy("upper", Fixtures.bytes("mesh-tool"), TestMesh.tool("upper", 1));
      mesh.deployer.deploy(
          "relay", Fixtures.bytes("mesh-tool"), TestMesh.tool("relay", 1, "upper"));
      assertEquals(
          Payload.json("\"HI\""),
          mesh.switchboard.call(TestMesh.OPERATOR, "relay", "upper/x", Payload.json("\"hi\"")));
      MeshException denied =
          assertThrows(
              MeshException.class,
              () ->
                  mesh.switchboard.call(
                      TestMesh.OPERATOR, "relay", "relay/x", Payload.json("\"hi\"")));
      assertTrue(
          denied.getMessage().contains("denied: relay may not call relay (its grants: [upper])"),
          denied.getMessage());
    }
  }
}
