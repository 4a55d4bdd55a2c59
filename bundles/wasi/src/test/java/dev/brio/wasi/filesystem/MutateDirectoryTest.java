package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mutate-directory} as wasmtime has it: a directory descriptor may change its entries only
 * with the right, and a directory opened by {@code open-at} has it exactly when its parent has it
 * (asking for it where the parent lacks it answers {@code not-permitted}). So under a read-write
 * preopen every directory may be changed, asked or not, and under a read-only one none, and the
 * host tree stays exactly as it was.
 */
class MutateDirectoryTest {
  private static final Set<OpenFlag> DIRECTORY = EnumSet.of(OpenFlag.DIRECTORY);
  private static final Set<DescriptorFlag> READ = EnumSet.of(DescriptorFlag.READ);
  private static final Set<DescriptorFlag> READ_WRITE =
      EnumSet.of(DescriptorFlag.READ, DescriptorFlag.WRITE);
  private static final Set<DescriptorFlag> READ_MUTATE =
      EnumSet.of(DescriptorFlag.READ, DescriptorFlag.MUTATE_DIRECTORY);
  private static final NewTimestamp EPOCH = new NewTimestamp.At(Instant.EPOCH);

  @TempDir Path root;
  private OutsideWatcher watcher;

  @BeforeEach
  void setUp() throws Exception {
    watcher = new OutsideWatcher(root);
    watcher.file("sub/inner.txt", "inner");
    watcher.file("sub/deeper/deep.txt", "deep");
    Files.createDirectory(root.resolve("sub/empty"));
    Files.createSymbolicLink(root.resolve("sub/ln"), Path.of("inner.txt"));
    watcher.file("top.txt", "top");
  }

  private static void assertNotPermitted(Executable call) {
    FsException e = assertThrows(FsException.class, call);
    assertEquals(ErrorCode.NOT_PERMITTED, e.code(), e.getMessage());
  }

  @Test
  void underAReadOnlyPreopenNoDirectoryGetsTheRightAndEveryChangeIsRefused() throws Exception {
    try (Descriptor preopen = Descriptor.open(new Preopen(root, "/", true))) {
      assertEquals(READ, preopen.getFlags());
      assertNotPermitted(() -> preopen.openAt(false, "sub", DIRECTORY, READ_MUTATE));
      watcher.start();
      try (Descriptor plain = preopen.openAt(false, "sub", DIRECTORY, READ)) {
        assertEquals(READ, plain.getFlags());
        assertNotPermitted(() -> plain.openAt(false, "new.txt", EnumSet.of(OpenFlag.CREATE), READ));
        assertNotPermitted(
            () -> plain.openAt(false, "inner.txt", EnumSet.of(OpenFlag.TRUNCATE), READ_WRITE));
        assertNotPermitted(() -> plain.createDirectoryAt("d"));
        assertNotPermitted(() -> plain.removeDirectoryAt("empty"));
        assertNotPermitted(() -> plain.unlinkFileAt("inner.txt"));
        assertNotPermitted(() -> plain.unlinkFileAt("ln"));
        assertNotPermitted(() -> plain.symlinkAt("inner.txt", "ln2"));
        assertNotPermitted(() -> plain.renameAt("inner.txt", plain, "moved.txt"));
        assertNotPermitted(() -> plain.linkAt(false, "inner.txt", plain, "hard.txt"));
        assertNotPermitted(() -> plain.setTimesAt(false, "inner.txt", EPOCH, EPOCH));
        assertNotPermitted(() -> plain.setTimes(EPOCH, EPOCH));
        assertNotPermitted(() -> plain.openAt(false, "deeper", DIRECTORY, READ_MUTATE));
        assertEquals(DescriptorType.REGULAR_FILE, plain.statAt(false, "inner.txt").type());
        assertEquals("inner.txt", plain.readlinkAt("ln"));
      }
      watcher.assertUnchanged();
    }
  }

  @Test
  void underAReadWritePreopenADirectoryInheritsTheRightAskedForOrNot() throws Exception {
    try (Descriptor preopen = Descriptor.open(new Preopen(root, "/", false))) {
      assertEquals(READ_MUTATE, preopen.getFlags());
      try (Descriptor sub = preopen.openAt(false, "sub", DIRECTORY, READ);
          Descriptor deeper = sub.openAt(false, "deeper", DIRECTORY, READ_MUTATE)) {
        assertEquals(READ_MUTATE, sub.getFlags(), "inherited, as the adapter never asks for it");
        assertEquals(READ_MUTATE, deeper.getFlags());
        sub.createDirectoryAt("d");
        sub.renameAt("inner.txt", deeper, "inner.txt");
        deeper.unlinkFileAt("deep.txt");
        sub.removeDirectoryAt("empty");
        sub.symlinkAt("deeper/inner.txt", "ln2");
        sub.setTimesAt(false, "d", EPOCH, EPOCH);
      }
      preopen.renameAt("top.txt", preopen, "sub/top.txt");
    }
    assertTrue(Files.isDirectory(root.resolve("sub/d")));
    assertEquals("inner", Files.readString(root.resolve("sub/ln2")));
    assertTrue(Files.exists(root.resolve("sub/top.txt")));
  }
}
