package dev.brio.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ControlSocketTest {

  @Test
  void shortDataDirectoryKeepsTheSocketInside() {
    assertEquals(
        Path.of("/srv/brio/data/brio.sock"), ControlSocket.forData(Path.of("/srv/brio/data")));
  }

  @Test
  void dataDirectoryTooLongForASocketAddressMovesItToTmpStably() {
    Path deep = Path.of("/work/" + "very-long-directory-name/".repeat(6) + "data");
    Path socket = ControlSocket.forData(deep);
    assertEquals(Path.of("/tmp", "brio-" + System.getProperty("user.name")), socket.getParent());
    assertTrue(socket.getFileName().toString().matches("[0-9a-f]{16}\\.sock"), socket.toString());
    assertEquals(socket, ControlSocket.forData(deep), "client and kernel must agree");
    assertTrue(
        !socket.equals(ControlSocket.forData(deep.resolveSibling("other"))),
        "two data directories share one socket");
  }
}
