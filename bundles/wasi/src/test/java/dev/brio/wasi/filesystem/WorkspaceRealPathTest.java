package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.wasi.io.HostOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bound {@link WorkspaceRoot} reports each change by the path the kernel really reached, not by
 * the names the guest used: a session's commit looks only at the reported paths and never reads
 * through a symlink, so a change reported under a symlinked name would be silently lost.
 */
class WorkspaceRealPathTest {
  private static final Set<OpenFlag> NONE = EnumSet.noneOf(OpenFlag.class);
  private static final Set<OpenFlag> CREATE = EnumSet.of(OpenFlag.CREATE);
  private static final Set<OpenFlag> DIRECTORY = EnumSet.of(OpenFlag.DIRECTORY);
  private static final Set<DescriptorFlag> READ = EnumSet.of(DescriptorFlag.READ);
  private static final Set<DescriptorFlag> READ_WRITE =
      EnumSet.of(DescriptorFlag.READ, DescriptorFlag.WRITE);
  private static final NewTimestamp EPOCH = new NewTimestamp.At(Instant.EPOCH);

  @TempDir Path base;
  private Path bound;
  private final WorkspaceRoot workspace = new WorkspaceRoot("/work");
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private Descriptor root;

  @BeforeEach
  void setUp() throws Exception {
    bound = Files.createDirectory(base.resolve("ws"));
    Files.createDirectories(bound.resolve("src/main"));
    Files.writeString(bound.resolve("src/main/App.java"), "class App {}");
    Files.writeString(bound.resolve("one.txt"), "one");
    workspace.bind(bound, false, heard::add);
    root = Descriptor.workspace(workspace);
    root.symlinkAt("src/main", "link");
    assertEquals(List.of("link"), heard);
    heard.clear();
  }

  @AfterEach
  void tearDown() {
    root.close();
    workspace.unbind();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aFileMadeThroughASymlinkedDirectoryIsReportedWhereItReallyIs() throws Exception {
    try (Descriptor sneaky = root.openAt(false, "link/Sneaky.java", CREATE, READ_WRITE)) {
      sneaky.write(bytes("class Sneaky {"), 0);
      HostOutputStream out = sneaky.appendViaStream();
      out.write(bytes("}"));
      out.close();
      sneaky.setTimes(EPOCH, EPOCH);
    }
    root.createDirectoryAt("link/pkg/");
    root.setTimesAt(true, "link", EPOCH, EPOCH); // follows the link to src/main
    root.setTimesAt(false, "link", EPOCH, EPOCH); // the link itself
    // a final symlink followed by a creating open-at: the file appears where the link points
    root.symlinkAt("src/main/Made.java", "made-link");
    root.openAt(true, "made-link", CREATE, READ_WRITE).close();

    assertEquals(
        List.of(
            "src/main/Sneaky.java",
            "src/main/Sneaky.java",
            "src/main/Sneaky.java",
            "src/main/Sneaky.java",
            "src/main/pkg",
            "src/main",
            "link",
            "made-link",
            "src/main/Made.java"),
        heard);
    assertEquals("class Sneaky {}", Files.readString(bound.resolve("src/main/Sneaky.java")));
    assertTrue(Files.isDirectory(bound.resolve("src/main/pkg"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isRegularFile(bound.resolve("src/main/Made.java"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aDirectoryOpenedThroughASymlinkReportsItsEntriesWhereTheyReallyAre() throws Exception {
    try (Descriptor main = root.openAt(true, "link", DIRECTORY, READ)) {
      main.openAt(false, "Inner.java", CREATE, READ_WRITE).close();
      main.renameAt("Inner.java", root, "link/Renamed.java");
      main.linkAt(false, "Renamed.java", main, "Twin.java");
      main.unlinkFileAt("Renamed.java");
    }
    assertEquals(
        List.of(
            "src/main/Inner.java",
            "src/main/Inner.java",
            "src/main/Renamed.java",
            "src/main/Renamed.java",
            "src/main/Twin.java",
            "src/main/Renamed.java"),
        heard);
    assertTrue(Files.isRegularFile(bound.resolve("src/main/Twin.java"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void dotDotAfterASymlinkIsReportedFromWhereTheSymlinkLed() throws Exception {
    // link/.. is src (the parent of src/main), not the bound directory
    root.openAt(false, "link/../x.txt", CREATE, READ_WRITE).close();
    root.createDirectoryAt("link/../d");
    root.renameAt("link/../x.txt", root, "link/../../top.txt");
    root.removeDirectoryAt("link/../d");

    assertEquals(List.of("src/x.txt", "src/d", "src/x.txt", "top.txt", "src/d"), heard);
    assertTrue(Files.isRegularFile(bound.resolve("top.txt")));
    assertTrue(Files.notExists(bound.resolve("x.txt")));
  }

  /**
   * The calls brio-vfs's {@code TouchedThroughSymlinkTest} makes on a session directory, with what
   * they report: that test records exactly these paths and shows the commit then applies them all.
   */
  @Test
  void theSessionScenarioIsReportedByRealPaths() throws Exception {
    Set<OpenFlag> createTruncate = EnumSet.of(OpenFlag.CREATE, OpenFlag.TRUNCATE);
    try (Descriptor f = root.openAt(false, "link/Sneaky.java", createTruncate, READ_WRITE)) {
      f.write(bytes("class Sneaky {}\n"), 0);
    }
    try (Descriptor f = root.openAt(false, "link/../x.txt", createTruncate, READ_WRITE)) {
      f.write(bytes("beside main\n"), 0);
    }
    root.linkAt(false, "link/App.java", root, "link/../Copy.java");
    try (Descriptor f = root.openAt(false, "src/Copy.java", createTruncate, READ_WRITE)) {
      f.write(bytes("class App { int changed; }\n"), 0);
    }
    assertEquals(
        List.of(
            "src/main/Sneaky.java",
            "src/main/Sneaky.java",
            "src/x.txt",
            "src/x.txt",
            "src/main/App.java",
            "src/Copy.java",
            "src/Copy.java",
            "src/Copy.java"),
        heard,
        "after the symlink-at that reported \"link\"");
  }

  @Test
  void aHardLinkReportsBothNamesSoAWriteThroughEitherIsCovered() throws Exception {
    root.linkAt(false, "link/App.java", root, "link/../Copy.java");
    assertEquals(List.of("src/main/App.java", "src/Copy.java"), heard);
    try (Descriptor copy = root.openAt(false, "src/Copy.java", NONE, READ_WRITE)) {
      copy.write(bytes("class App { int changed; }"), 0);
    }
    // the write went through one name; the other shows it too, and was reported by the link
    assertEquals(List.of("src/main/App.java", "src/Copy.java", "src/Copy.java"), heard);
    assertEquals(
        "class App { int changed; }", Files.readString(bound.resolve("src/main/App.java")));
  }

  @Test
  void aWriteThroughAFileOpenedWithWriteReportsThePathItWasOpenedAt() throws Exception {
    try (Descriptor app = root.openAt(false, "link/App.java", NONE, READ_WRITE)) {
      app.setSize(0);
      app.writeViaStream(0).write(bytes("x"));
    }
    assertEquals(List.of("src/main/App.java", "src/main/App.java"), heard);
  }

  @Test
  void aChangeWhosePathCannotBeToldIsReportedAsTheWholeDirectory() throws Exception {
    try (Descriptor one = root.openAt(false, "one.txt", NONE, READ)) {
      Files.delete(bound.resolve("one.txt")); // the kernel now calls it "one.txt (deleted)"
      one.setTimes(EPOCH, EPOCH);
    }
    assertEquals(List.of(""), heard);
  }

  @Test
  void theBoundDirectoryMovedWhileBoundStillGivesPathsBeneathIt() throws Exception {
    Path moved = Files.move(bound, base.resolve("moved"));
    root.createDirectoryAt("link/after-move");
    assertEquals(List.of("src/main/after-move"), heard);
    assertTrue(Files.isDirectory(moved.resolve("src/main/after-move")));
  }

  @Test
  void aDirectoryRenamedOnTheHostReportsItsEntriesUnderItsNewName() throws Exception {
    try (Descriptor src = root.openAt(false, "src", DIRECTORY, READ)) {
      Files.move(bound.resolve("src"), bound.resolve("lib"));
      src.createDirectoryAt("fresh");
    }
    assertEquals(List.of("lib/fresh"), heard);
  }

  @Test
  void aHostPathIsTakenOnlyFromBeneathTheDirectory() {
    assertEquals(Optional.of("c"), RealPath.relativize("/a/b/c", "/a/b"));
    assertEquals(Optional.of("c/d"), RealPath.relativize("/a/b/c/d", "/a/b"));
    assertEquals(Optional.of(""), RealPath.relativize("/a/b", "/a/b"));
    assertEquals(Optional.of("x"), RealPath.relativize("/x", "/"));
    assertEquals(Optional.empty(), RealPath.relativize("/a/bc", "/a/b"));
    assertEquals(Optional.empty(), RealPath.relativize("/a", "/a/b"));
    assertEquals(Optional.empty(), RealPath.relativize("/a/b/../c", "/a/b"));
    assertEquals(Optional.empty(), RealPath.relativize("/a/b//c", "/a/b"));
    assertEquals(Optional.empty(), RealPath.relativize("/a/b/c/", "/a/b"));
    assertEquals("d", RealPath.child("", "d"));
    assertEquals("c/d", RealPath.child("c", "d"));
  }
}
