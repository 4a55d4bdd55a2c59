package dev.brio.vfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileClonerTest {

  @TempDir Path temp;

  @Test
  void reflinkOrCopyGivesIdenticalBytesAndSaysWhichItUsed() throws Exception {
    FileCloner cloner = new FileCloner();
    // Under Linux with --enable-native-access (surefire's argLine), FFM must be usable.
    if (System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")) {
      assertTrue(cloner.reflinkAvailable());
    }
    byte[] content = new byte[3 * 1024 * 1024 + 17];
    new Random(42).nextBytes(content);
    Path source = Files.write(temp.resolve("source.bin"), content);
    CloneStats stats = new CloneStats();

    CloneMethod method = cloner.cloneFile(source, temp.resolve("clone.bin"), stats);

    assertArrayEquals(content, Files.readAllBytes(temp.resolve("clone.bin")));
    assertEquals(1, stats.reflinked() + stats.copied());
    assertEquals(method == CloneMethod.REFLINK ? 1 : 0, stats.reflinked());
    System.out.println(
        "clone on " + Files.getFileStore(temp).type() + " (" + temp + "): " + method);
  }

  @Test
  void onceTheFileSystemRefusesReflinksTheRestIsCopiedWithoutAsking() throws Exception {
    FileCloner cloner = new FileCloner();
    CloneStats stats = new CloneStats();
    stats.markReflinkUnsupported();
    Path source = Files.writeString(temp.resolve("a.txt"), "abc");

    assertEquals(CloneMethod.COPY, cloner.cloneFile(source, temp.resolve("b.txt"), stats));
    assertEquals("abc", Files.readString(temp.resolve("b.txt")));
    assertEquals(1, stats.copied());
  }

  @Test
  void aFailedReflinkLeavesNoPartialTargetAndTheCopyFallbackWorks() throws Exception {
    FileCloner cloner = new FileCloner();
    CloneStats stats = new CloneStats();
    Path source = Files.writeString(temp.resolve("a.txt"), "fallback");
    // Whatever this file system does, the end result is the content, and a second clone onto the
    // same target is refused rather than silently overwriting.
    cloner.cloneFile(source, temp.resolve("b.txt"), stats);
    assertEquals("fallback", Files.readString(temp.resolve("b.txt")));
    assertThrows(
        FileAlreadyExistsException.class,
        () -> cloner.cloneFile(source, temp.resolve("b.txt"), new CloneStats()));
  }

  @Test
  void neverReadsThroughASymlinkSource() throws Exception {
    FileCloner cloner = new FileCloner();
    Path secret = Files.writeString(temp.resolve("secret"), "secret");
    Path link = Files.createSymbolicLink(temp.resolve("link"), secret);

    cloner.cloneFile(link, temp.resolve("copy"), new CloneStats());

    assertTrue(Files.isSymbolicLink(temp.resolve("copy")), "copied as the link itself");
  }

  /** Reports what this machine's build directory (under /work) supports. */
  @Test
  void reportsTheMethodOnTheBuildFileSystem() throws IOException {
    Path dir = Files.createTempDirectory(Path.of("target"), "clone-probe");
    try {
      Path source = Files.writeString(dir.resolve("s"), "probe");
      CloneMethod method = new FileCloner().cloneFile(source, dir.resolve("t"), new CloneStats());
      System.out.println(
          "clone on "
              + Files.getFileStore(dir).type()
              + " ("
              + dir.toAbsolutePath()
              + "): "
              + method);
      assertEquals("probe", Files.readString(dir.resolve("t")));
    } finally {
      Committer.deleteTree(dir);
    }
  }

  @Test
  void cloneAndHashGivesGitsBlobIdOfTheCopy() throws Exception {
    byte[] content = new byte[200_000];
    new Random(7).nextBytes(content);
    Path source = Files.write(temp.resolve("s.bin"), content);

    FileCloner.Cloned cloned =
        new FileCloner()
            .cloneAndHash(source, temp.resolve("t.bin"), content.length, new CloneStats());

    assertArrayEquals(content, Files.readAllBytes(temp.resolve("t.bin")));
    assertEquals(Entries.fileId(source, content.length), cloned.id());
    assertEquals(
        new org.eclipse.jgit.lib.ObjectInserter.Formatter()
            .idFor(org.eclipse.jgit.lib.Constants.OBJ_BLOB, content),
        cloned.id());
  }
}
