package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;

/**
 * The whole escape suite again, through a {@link WorkspaceRoot}'s own descriptor bound to the root:
 * a bound workspace confines exactly like a preopen, and what its listener hears never names
 * anything above the bound directory.
 */
class WorkspaceEscapeTest extends SandboxEscapeTest {
  private final WorkspaceRoot workspace = new WorkspaceRoot("/");
  private final List<String> heard = new CopyOnWriteArrayList<>();

  @Override
  Descriptor openRoot(Path root) {
    workspace.bind(root, false, heard::add);
    return Descriptor.workspace(workspace);
  }

  @AfterEach
  void unbind() {
    workspace.unbind();
    for (String path : heard) {
      assertFalse(
          path.startsWith("/") || List.of(path.split("/")).contains(".."),
          "reported above the workspace: " + path);
    }
  }
}
