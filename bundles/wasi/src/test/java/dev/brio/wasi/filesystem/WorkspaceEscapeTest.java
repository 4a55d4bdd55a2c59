package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestInfo;

/**
 * The whole escape suite again, through a {@link WorkspaceRoot}'s own descriptor bound to the root:
 * a bound workspace confines exactly like a preopen, and every path its listener hears is the real
 * path of what changed beneath the bound directory: checked when it is heard (the change has just
 * happened), each directory on it is a real directory there, never a symlink, so a diff that reads
 * only the heard paths, and never through a symlink, sees the change.
 */
class WorkspaceEscapeTest extends SandboxEscapeTest {
  private final WorkspaceRoot workspace = new WorkspaceRoot("/");
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final List<String> notReal = new CopyOnWriteArrayList<>();
  private Path bound;

  @Override
  Descriptor openRoot(Path root) {
    bound = root;
    workspace.bind(root, false, this::heard);
    return Descriptor.workspace(workspace);
  }

  private void heard(String path) {
    heard.add(path);
    String problem = whyNotReal(bound, path);
    if (problem != null) {
      notReal.add("'" + path + "': " + problem);
    }
  }

  /** Why {@code path} is not a real path beneath {@code root} right now, or null if it is. */
  private static String whyNotReal(Path root, String path) {
    if (path.isEmpty()) {
      return "no path could be told";
    }
    String[] steps = path.split("/", -1);
    Path directory = root;
    for (int i = 0; i < steps.length; i++) {
      String step = steps[i];
      if (step.isEmpty() || step.equals(".") || step.equals("..")) {
        return "not a normal relative path";
      }
      if (i < steps.length - 1) {
        directory = directory.resolve(step);
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
          return root.relativize(directory) + " is no directory (a symlink, or gone)";
        }
      }
    }
    return null;
  }

  @AfterEach
  void unbind(TestInfo test) {
    workspace.unbind();
    if (test.getTestMethod().orElseThrow().getName().contains("Swapped")) {
      // PathSwapper renames the directory under the calls, so a path may have moved before it was
      // checked: it must still name the real directory ("swap" or its parked name), or nothing
      for (String path : heard) {
        assertTrue(
            path.isEmpty() || path.matches("(swap|parked)/planted-[0-9]+"),
            "reported through the swapped symlink: " + path);
      }
      return;
    }
    assertEquals(List.of(), notReal, "heard " + heard);
  }
}
