package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way out of a preopen the issue lists, tried through {@link Descriptor}: each fails with the
 * WASI error code wasmtime gives, and {@link OutsideWatcher} confirms nothing outside the root was
 * read, created or changed.
 */
class SandboxEscapeTest {
  private static final Set<OpenFlag> NONE = EnumSet.noneOf(OpenFlag.class);
  private static final Set<DescriptorFlag> READ = EnumSet.of(DescriptorFlag.READ);
  private static final Set<DescriptorFlag> WRITE = EnumSet.of(DescriptorFlag.WRITE);

  @TempDir Path base;
  private Path root;
  private Path outside;
  private OutsideWatcher watcher;
  private Descriptor dir;

  @BeforeEach
  void setUp() throws Exception {
    root = Files.createDirectory(base.resolve("root"));
    outside = Files.createDirectory(base.resolve("outside"));
    watcher = new OutsideWatcher(base, root);
    watcher.file("outside/secret.txt", "outside secret");
    watcher.file("outside/dir/deeper.txt", "deeper secret");
    watcher.file("beside-root.txt", "next to the root");
    Files.writeString(root.resolve("inside.txt"), "inside");
    Files.createDirectory(root.resolve("sub"));
    watcher.start();
    dir = openRoot(root);
  }

  /** The descriptor the escapes are tried through: a read-write preopen of {@code root}. */
  Descriptor openRoot(Path root) throws FsException {
    return Descriptor.open(new Preopen(root, "/", false));
  }

  @AfterEach
  void tearDown() throws IOException {
    dir.close();
    watcher.assertUnchanged();
  }

  private static void assertCode(ErrorCode expected, Executable call) {
    FsException e = assertThrows(FsException.class, call);
    assertEquals(expected, e.code(), e.getMessage());
  }

  private void assertNotPermitted(Executable call) {
    assertCode(ErrorCode.NOT_PERMITTED, call);
  }

  @Test
  void theWatcherSeesAReadOutside() throws IOException {
    Files.readAllBytes(outside.resolve("secret.txt"));
    assertThrows(AssertionError.class, watcher::assertUnchanged);
    watcher.start(); // re-baseline so tearDown checks the rest
  }

  @Test
  void dotDotAboveTheRootIsNotPermitted() {
    assertNotPermitted(() -> dir.openAt(true, "../outside/secret.txt", NONE, READ));
    assertNotPermitted(() -> dir.openAt(true, "sub/../../outside/secret.txt", NONE, READ));
    assertNotPermitted(() -> dir.openAt(true, "..", NONE, READ));
    assertNotPermitted(() -> dir.statAt(false, ".."));
    assertNotPermitted(() -> dir.statAt(true, "../outside"));
    assertNotPermitted(() -> dir.readlinkAt("../outside/secret.txt"));
    assertNotPermitted(() -> dir.createDirectoryAt("../outside/new"));
    assertNotPermitted(() -> dir.createDirectoryAt(".."));
    assertNotPermitted(() -> dir.removeDirectoryAt("../outside/dir"));
    assertNotPermitted(() -> dir.removeDirectoryAt(".."));
    assertNotPermitted(() -> dir.unlinkFileAt("../outside/secret.txt"));
    assertNotPermitted(() -> dir.renameAt("../outside/secret.txt", dir, "stolen.txt"));
    assertNotPermitted(() -> dir.renameAt("inside.txt", dir, "../outside/planted.txt"));
    assertNotPermitted(() -> dir.linkAt(false, "../outside/secret.txt", dir, "hard.txt"));
    assertNotPermitted(() -> dir.symlinkAt("inside.txt", "../outside/planted"));
    assertNotPermitted(
        () -> dir.setTimesAt(false, "../outside/secret.txt", NewTimestamp.NOW, NewTimestamp.NOW));
    assertNotPermitted(() -> dir.metadataHashAt(false, "../outside/secret.txt"));
    assertNotPermitted(
        () -> dir.openAt(true, "../outside/created.txt", EnumSet.of(OpenFlag.CREATE), WRITE));
  }

  @Test
  void aSubdirectoryDescriptorIsItsOwnRoot() throws Exception {
    try (Descriptor sub = dir.openAt(false, "sub", EnumSet.of(OpenFlag.DIRECTORY), READ)) {
      assertNotPermitted(() -> sub.openAt(true, "../inside.txt", NONE, READ));
      assertNotPermitted(() -> sub.statAt(false, ".."));
    }
  }

  @Test
  void absolutePathsAreNotPermitted() throws IOException {
    String secret = outside.resolve("secret.txt").toString();
    assertNotPermitted(() -> dir.openAt(true, secret, NONE, READ));
    assertNotPermitted(() -> dir.openAt(true, "/", NONE, READ));
    assertNotPermitted(() -> dir.statAt(true, secret));
    assertNotPermitted(() -> dir.unlinkFileAt(secret));
    assertNotPermitted(() -> dir.createDirectoryAt(outside.resolve("new").toString()));
    assertNotPermitted(() -> dir.linkAt(false, secret, dir, "hard.txt"));
    // an absolute symlink target could never be followed inside: refused when made
    assertNotPermitted(() -> dir.symlinkAt(secret, "abs-link"));
    // ... and one made on the host is refused when followed
    Files.createSymbolicLink(root.resolve("host-abs-link"), outside.resolve("secret.txt"));
    assertNotPermitted(() -> dir.openAt(true, "host-abs-link", NONE, READ));
    Files.createSymbolicLink(root.resolve("host-abs-root"), root);
    assertNotPermitted(() -> dir.openAt(true, "host-abs-root/inside.txt", NONE, READ));
  }

  @Test
  void symlinksToOutsideAreNotFollowed() throws Exception {
    Files.createSymbolicLink(root.resolve("out-file"), Path.of("../outside/secret.txt"));
    Files.createSymbolicLink(root.resolve("out-dir"), Path.of("../outside/dir"));
    assertNotPermitted(() -> dir.openAt(true, "out-file", NONE, READ));
    assertNotPermitted(() -> dir.openAt(true, "out-file", NONE, WRITE));
    assertNotPermitted(() -> dir.openAt(true, "out-file", EnumSet.of(OpenFlag.TRUNCATE), WRITE));
    assertNotPermitted(() -> dir.openAt(true, "out-dir/deeper.txt", NONE, READ));
    assertNotPermitted(() -> dir.openAt(false, "out-dir/deeper.txt", NONE, READ));
    assertNotPermitted(() -> dir.statAt(true, "out-file"));
    assertNotPermitted(() -> dir.unlinkFileAt("out-dir/deeper.txt"));
    assertNotPermitted(() -> dir.createDirectoryAt("out-dir/new"));
    assertNotPermitted(() -> dir.setTimesAt(true, "out-file", NewTimestamp.NOW, NewTimestamp.NOW));
    assertNotPermitted(() -> dir.openAt(true, "out-dir", EnumSet.of(OpenFlag.DIRECTORY), READ));
    // not following the final symlink: it is an object inside like any other
    assertCode(ErrorCode.LOOP, () -> dir.openAt(false, "out-file", NONE, READ));
    assertEquals(DescriptorType.SYMBOLIC_LINK, dir.statAt(false, "out-file").type());
    assertEquals("../outside/secret.txt", dir.readlinkAt("out-file"));
    // removing the link removes the link, never its target
    dir.unlinkFileAt("out-file");
    assertFalse(Files.exists(root.resolve("out-file"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void danglingSymlinksCreateNothingOutside() throws Exception {
    Files.createSymbolicLink(root.resolve("dangling-out"), Path.of("../outside/planted.txt"));
    Files.createSymbolicLink(root.resolve("dangling-in"), Path.of("made-through-link.txt"));
    assertNotPermitted(() -> dir.openAt(true, "dangling-out", EnumSet.of(OpenFlag.CREATE), WRITE));
    assertCode(ErrorCode.NO_ENTRY, () -> dir.openAt(true, "dangling-in", NONE, READ));
    assertCode(
        ErrorCode.LOOP, () -> dir.openAt(false, "dangling-in", EnumSet.of(OpenFlag.CREATE), WRITE));
    // following a dangling link inside creates its target inside, as on any POSIX system
    dir.openAt(true, "dangling-in", EnumSet.of(OpenFlag.CREATE), WRITE).close();
    assertTrue(Files.isRegularFile(root.resolve("made-through-link.txt")));
  }

  @Test
  void chainedSymlinksAreResolvedBeneathTheRoot() throws Exception {
    Files.createSymbolicLink(root.resolve("c"), Path.of("../outside/secret.txt"));
    Files.createSymbolicLink(root.resolve("b"), Path.of("c"));
    Files.createSymbolicLink(root.resolve("a"), Path.of("sub/../b"));
    assertNotPermitted(() -> dir.openAt(true, "a", NONE, READ));
    Files.createSymbolicLink(root.resolve("z"), Path.of("inside.txt"));
    Files.createSymbolicLink(root.resolve("y"), Path.of("sub/../z"));
    try (Descriptor f = dir.openAt(true, "y", NONE, READ)) {
      assertEquals("inside", new String(f.read(100, 0).data(), StandardCharsets.UTF_8));
    }
  }

  /** A symlink that stays inside is followed: what is made through it lands where it leads. */
  @Test
  void changesThroughAnInsideSymlinkLandWhereItLeads() throws Exception {
    dir.symlinkAt("sub", "sub-link");
    dir.openAt(false, "sub-link/made.txt", EnumSet.of(OpenFlag.CREATE), WRITE).close();
    dir.createDirectoryAt("sub-link/../made-dir"); // sub-link/.. is sub's parent, the root
    dir.linkAt(false, "sub-link/made.txt", dir, "sub-link/twin.txt");
    dir.renameAt("sub-link/twin.txt", dir, "sub-link/../moved.txt");
    assertTrue(Files.isRegularFile(root.resolve("sub/made.txt"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isDirectory(root.resolve("made-dir"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isRegularFile(root.resolve("moved.txt"), LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.isSameFile(root.resolve("sub/made.txt"), root.resolve("moved.txt")));
  }

  @Test
  void symlinkLoopsAreLoop() throws Exception {
    Files.createSymbolicLink(root.resolve("loop1"), Path.of("loop2"));
    Files.createSymbolicLink(root.resolve("loop2"), Path.of("loop1"));
    Files.createSymbolicLink(root.resolve("self"), Path.of("self"));
    assertCode(ErrorCode.LOOP, () -> dir.openAt(true, "loop1", NONE, READ));
    assertCode(ErrorCode.LOOP, () -> dir.openAt(true, "self", NONE, READ));
    assertCode(
        ErrorCode.LOOP, () -> dir.openAt(true, "loop1/x", EnumSet.of(OpenFlag.CREATE), WRITE));
    assertCode(ErrorCode.LOOP, () -> dir.statAt(true, "self"));
    assertCode(ErrorCode.LOOP, () -> dir.createDirectoryAt("self/x"));
  }

  @Test
  void hardLinksCannotReachOutside() throws Exception {
    Files.createSymbolicLink(root.resolve("out-file"), Path.of("../outside/secret.txt"));
    // link-at never follows: the new name is a second link to the symlink, which stays refused
    dir.linkAt(false, "out-file", dir, "second-name");
    assertTrue(Files.isSymbolicLink(root.resolve("second-name")));
    assertNotPermitted(() -> dir.openAt(true, "second-name", NONE, READ));
    assertCode(ErrorCode.INVALID, () -> dir.linkAt(true, "out-file", dir, "followed"));
    Files.createSymbolicLink(root.resolve("out-dir"), Path.of("../outside"));
    assertNotPermitted(() -> dir.linkAt(false, "out-dir/secret.txt", dir, "x"));
    assertNotPermitted(() -> dir.linkAt(false, "inside.txt", dir, "out-dir/planted"));
    // a directory can never be hard-linked, the root's parent included
    assertCode(ErrorCode.NOT_PERMITTED, () -> dir.linkAt(false, "sub", dir, "sub-again"));
    // a trailing slash makes the kernel follow a final symlink: looked up beneath the root, the
    // outside directory is refused the same way whether or not it exists (no existence oracle)
    Files.createSymbolicLink(root.resolve("to-nowhere"), Path.of("../no-such-dir"));
    assertNotPermitted(() -> dir.linkAt(false, "out-dir/", dir, "y"));
    assertNotPermitted(() -> dir.linkAt(false, "to-nowhere/", dir, "z"));
    assertCode(ErrorCode.NOT_DIRECTORY, () -> dir.linkAt(false, "inside.txt/", dir, "w"));
  }

  @Test
  void aHardLinkMadeOnTheHostIsJustAFileInside(@TempDir Path elsewhere) throws Exception {
    // the host put a second name for an outside file into the root: that is the host's choice
    Path original = Files.writeString(elsewhere.resolve("shared.txt"), "shared");
    Files.createLink(root.resolve("shared.txt"), original);
    try (Descriptor f = dir.openAt(false, "shared.txt", NONE, READ)) {
      assertEquals("shared", new String(f.read(100, 0).data(), StandardCharsets.UTF_8));
      assertEquals(2, f.stat().linkCount());
    }
  }

  @Test
  void renameOverASymlinkReplacesTheLink() throws Exception {
    Files.createSymbolicLink(root.resolve("out-file"), Path.of("../outside/secret.txt"));
    Files.createSymbolicLink(root.resolve("out-dir"), Path.of("../outside/dir"));
    dir.renameAt("inside.txt", dir, "out-file");
    assertTrue(Files.isRegularFile(root.resolve("out-file"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("inside", Files.readString(root.resolve("out-file")));
    assertNotPermitted(() -> dir.renameAt("out-file", dir, "out-dir/planted.txt"));
    assertNotPermitted(() -> dir.renameAt("out-dir/deeper.txt", dir, "stolen.txt"));
    // renaming the link itself moves the link
    dir.renameAt("out-dir", dir, "sub/moved-link");
    assertTrue(Files.isSymbolicLink(root.resolve("sub/moved-link")));
  }

  /**
   * One thread keeps flipping {@code swap} between a real directory and a symlink to outside while
   * another keeps opening, creating and stat-ing through it: every call lands inside or fails.
   */
  @Test
  void aComponentSwappedToASymlinkMidCallNeverReachesOutside() throws Exception {
    int inside = 0;
    int refused = 0;
    try (var _ = new PathSwapper(root)) {
      for (int i = 0; i < 3000; i++) {
        try (Descriptor f = dir.openAt(true, "swap/secret.txt", NONE, READ)) {
          assertArrayEquals("inside copy".getBytes(StandardCharsets.UTF_8), f.read(100, 0).data());
          inside++;
        } catch (FsException e) {
          assertTrue(
              e.code() == ErrorCode.NOT_PERMITTED || e.code() == ErrorCode.NO_ENTRY,
              e.getMessage());
          refused++;
        }
        try {
          dir.openAt(true, "swap/planted-" + i, EnumSet.of(OpenFlag.CREATE), WRITE).close();
          dir.unlinkFileAt("swap/planted-" + i);
        } catch (FsException e) {
          assertTrue(
              e.code() == ErrorCode.NOT_PERMITTED || e.code() == ErrorCode.NO_ENTRY,
              e.getMessage());
        }
        try {
          dir.statAt(true, "swap/dir");
          fail("swap/dir exists only outside");
        } catch (FsException e) {
          assertTrue(
              e.code() == ErrorCode.NOT_PERMITTED || e.code() == ErrorCode.NO_ENTRY,
              e.getMessage());
        }
      }
    }
    assertEquals(3000, inside + refused);
    assertTrue(inside > 0 && refused > 0, "both states were seen: " + inside + "/" + refused);
  }

  @Test
  void aReadOnlyPreopenRefusesEveryChange() throws Exception {
    Files.writeString(root.resolve("sub/file.txt"), "read me");
    try (Descriptor ro = Descriptor.open(new Preopen(root, "/ro", true))) {
      assertTrue(ro.readOnly());
      assertEquals(EnumSet.of(DescriptorFlag.READ), ro.getFlags());
      assertNotPermitted(() -> ro.openAt(false, "inside.txt", NONE, WRITE));
      assertNotPermitted(() -> ro.openAt(false, "new.txt", EnumSet.of(OpenFlag.CREATE), READ));
      assertNotPermitted(() -> ro.openAt(false, "inside.txt", EnumSet.of(OpenFlag.TRUNCATE), READ));
      assertNotPermitted(() -> ro.createDirectoryAt("newdir"));
      assertNotPermitted(() -> ro.unlinkFileAt("inside.txt"));
      assertNotPermitted(() -> ro.removeDirectoryAt("sub"));
      assertNotPermitted(() -> ro.renameAt("inside.txt", ro, "moved.txt"));
      assertNotPermitted(() -> ro.renameAt("inside.txt", dir, "moved.txt"));
      assertNotPermitted(() -> dir.renameAt("inside.txt", ro, "moved.txt"));
      assertNotPermitted(() -> ro.symlinkAt("inside.txt", "link"));
      assertNotPermitted(() -> ro.linkAt(false, "inside.txt", ro, "hard"));
      assertNotPermitted(() -> ro.setTimes(NewTimestamp.NOW, NewTimestamp.NOW));
      assertNotPermitted(
          () -> ro.setTimesAt(false, "inside.txt", NewTimestamp.NOW, NewTimestamp.NOW));
      try (Descriptor sub = ro.openAt(false, "sub", EnumSet.of(OpenFlag.DIRECTORY), READ);
          Descriptor f = sub.openAt(false, "file.txt", NONE, READ)) {
        assertTrue(sub.readOnly());
        assertNotPermitted(() -> sub.createDirectoryAt("deeper"));
        assertNotPermitted(() -> f.write(new byte[] {1}, 0));
        assertNotPermitted(() -> f.setSize(0));
        assertNotPermitted(() -> f.setTimes(NewTimestamp.NOW, NewTimestamp.NO_CHANGE));
        assertEquals("read me", new String(f.read(100, 0).data(), StandardCharsets.UTF_8));
      }
    }
    assertEquals("inside", Files.readString(root.resolve("inside.txt")));
    try (var names = Files.list(root)) {
      assertEquals(2, names.count());
    }
  }
}
