package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.wasi.io.HostInputStream;
import dev.brio.wasi.io.HostOutputStream;
import dev.brio.wasi.io.StreamException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The ordinary descriptor operations on real files in a read-write preopen. */
class DescriptorTest {
  private static final Set<OpenFlag> NONE = EnumSet.noneOf(OpenFlag.class);
  private static final Set<OpenFlag> CREATE = EnumSet.of(OpenFlag.CREATE);
  private static final Set<OpenFlag> DIRECTORY = EnumSet.of(OpenFlag.DIRECTORY);
  private static final Set<DescriptorFlag> READ = EnumSet.of(DescriptorFlag.READ);
  private static final Set<DescriptorFlag> READ_WRITE =
      EnumSet.of(DescriptorFlag.READ, DescriptorFlag.WRITE);
  private static final Set<DescriptorFlag> READ_MUTATE =
      EnumSet.of(DescriptorFlag.READ, DescriptorFlag.MUTATE_DIRECTORY);

  @TempDir Path root;
  private Descriptor dir;

  @BeforeEach
  void open() throws FsException {
    dir = Descriptor.open(new Preopen(root, "/", false));
  }

  @AfterEach
  void close() {
    dir.close();
  }

  private static void assertCode(ErrorCode expected, Executable call) {
    FsException e = assertThrows(FsException.class, call);
    assertEquals(expected, e.code(), e.getMessage());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void writesReadsAndSeeksByOffset() throws Exception {
    try (Descriptor f = dir.openAt(false, "data.bin", CREATE, READ_WRITE)) {
      assertEquals(DescriptorType.REGULAR_FILE, f.getType());
      assertEquals(EnumSet.of(DescriptorFlag.READ, DescriptorFlag.WRITE), f.getFlags());
      assertEquals(11, f.write(utf8("hello world"), 0));
      assertEquals(5, f.write(utf8("WORLD"), 6));
      // writing past the end leaves a hole of zeros
      assertEquals(1, f.write(utf8("!"), 13));
      Descriptor.ReadResult all = f.read(100, 0);
      assertArrayEquals(utf8("hello WORLD\0\0!"), all.data());
      assertFalse(all.endOfFile());
      assertArrayEquals(utf8("WOR"), f.read(3, 6).data());
      Descriptor.ReadResult end = f.read(10, 14);
      assertEquals(0, end.data().length);
      assertTrue(end.endOfFile());
      assertEquals(14, f.stat().size());
      f.sync();
      f.syncData();
      f.advise(0, 14, Advice.SEQUENTIAL);
    }
    assertEquals("hello WORLD\0\0!", Files.readString(root.resolve("data.bin")));
  }

  @Test
  void truncatesAndExtends() throws Exception {
    Files.writeString(root.resolve("t.txt"), "0123456789");
    try (Descriptor f = dir.openAt(false, "t.txt", NONE, READ_WRITE)) {
      f.setSize(4);
      assertArrayEquals(utf8("0123"), f.read(100, 0).data());
      f.setSize(6);
      assertArrayEquals(utf8("0123\0\0"), f.read(100, 0).data());
    }
    dir.openAt(false, "t.txt", EnumSet.of(OpenFlag.TRUNCATE), READ_WRITE).close();
    assertEquals(0, Files.size(root.resolve("t.txt")));
  }

  @Test
  void streamsReadWriteAndAppend() throws Exception {
    try (Descriptor f = dir.openAt(false, "s.txt", CREATE, READ_WRITE)) {
      HostOutputStream out = f.writeViaStream(0);
      assertTrue(out.checkWrite() > 0);
      out.write(utf8("abc"));
      out.write(utf8("def"));
      out.flush();
      out.close();
      HostOutputStream tail = f.appendViaStream();
      tail.write(utf8("XYZ"));
      tail.close();
      HostInputStream in = f.readViaStream(2);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      while (true) {
        try {
          got.write(in.read(4));
        } catch (StreamException e) {
          assertTrue(e.isClosed(), "end of file closes the stream");
          break;
        }
      }
      in.close();
      assertEquals("cdefXYZ", got.toString(StandardCharsets.UTF_8));
    }
    assertCode(ErrorCode.IS_DIRECTORY, () -> dir.readViaStream(0));
  }

  @Test
  void aStreamOutlivesItsDescriptor() throws Exception {
    Files.writeString(root.resolve("keep.txt"), "still here");
    HostInputStream in;
    try (Descriptor f = dir.openAt(false, "keep.txt", NONE, READ)) {
      in = f.readViaStream(0);
    }
    assertArrayEquals(utf8("still here"), in.read(100));
    in.close();
  }

  @Test
  void aWriteStreamReportsTheErrorCode() throws Exception {
    Files.writeString(root.resolve("ro.txt"), "x");
    try (Descriptor f = dir.openAt(false, "ro.txt", NONE, READ)) {
      HostOutputStream out = f.writeViaStream(0);
      StreamException e = assertThrows(StreamException.class, () -> out.write(utf8("y")));
      assertEquals(ErrorCode.BAD_DESCRIPTOR, ((FsException) e.getCause()).code());
      out.close();
    }
  }

  @Test
  void directoriesAreCreatedListedAndRemoved() throws Exception {
    dir.createDirectoryAt("d");
    dir.createDirectoryAt("d/e");
    dir.openAt(false, "d/file.txt", CREATE, READ_WRITE).close();
    dir.symlinkAt("file.txt", "d/link");
    assertCode(ErrorCode.EXIST, () -> dir.createDirectoryAt("d"));
    assertCode(ErrorCode.NOT_EMPTY, () -> dir.removeDirectoryAt("d"));
    assertCode(ErrorCode.IS_DIRECTORY, () -> dir.unlinkFileAt("d/e"));
    assertCode(ErrorCode.NOT_DIRECTORY, () -> dir.removeDirectoryAt("d/file.txt"));
    assertCode(
        ErrorCode.EXIST,
        () ->
            dir.openAt(
                false, "d/file.txt", EnumSet.of(OpenFlag.CREATE, OpenFlag.EXCLUSIVE), READ_WRITE));
    assertCode(ErrorCode.NOT_DIRECTORY, () -> dir.openAt(false, "d/file.txt", DIRECTORY, READ));
    assertCode(ErrorCode.NO_ENTRY, () -> dir.openAt(false, "d/missing", NONE, READ));
    assertCode(
        ErrorCode.INVALID,
        () -> dir.openAt(false, "d", EnumSet.of(OpenFlag.DIRECTORY, OpenFlag.CREATE), READ));
    assertCode(ErrorCode.IS_DIRECTORY, () -> dir.openAt(false, "d", NONE, READ_WRITE));
    try (Descriptor d = dir.openAt(false, "d", DIRECTORY, READ)) {
      assertEquals(DescriptorType.DIRECTORY, d.getType());
      Map<String, DescriptorType> entries = new HashMap<>();
      try (DirectoryEntryStream s = d.readDirectory()) {
        for (Optional<DirectoryEntry> e = s.next(); e.isPresent(); e = s.next()) {
          entries.put(e.get().name(), e.get().type());
        }
        assertEquals(Optional.empty(), s.next());
      }
      assertEquals(
          Map.of(
              "e", DescriptorType.DIRECTORY,
              "file.txt", DescriptorType.REGULAR_FILE,
              "link", DescriptorType.SYMBOLIC_LINK),
          entries);
      assertCode(ErrorCode.BAD_DESCRIPTOR, () -> d.read(1, 0));
      assertCode(ErrorCode.BAD_DESCRIPTOR, () -> d.write(new byte[1], 0));
    }
    dir.unlinkFileAt("d/link");
    dir.unlinkFileAt("d/file.txt");
    dir.removeDirectoryAt("d/e");
    dir.removeDirectoryAt("d");
    assertFalse(Files.exists(root.resolve("d")));
  }

  @Test
  void manyEntriesAreListedAcrossBatches() throws Exception {
    for (int i = 0; i < 1500; i++) {
      Files.createFile(root.resolve("entry-with-a-longish-name-" + i));
    }
    int count = 0;
    try (DirectoryEntryStream s = dir.readDirectory()) {
      while (s.next().isPresent()) {
        count++;
      }
    }
    assertEquals(1500, count);
  }

  @Test
  void renamesFilesAndDirectories() throws Exception {
    Files.writeString(root.resolve("a.txt"), "A");
    Files.writeString(root.resolve("b.txt"), "B");
    dir.createDirectoryAt("sub");
    dir.renameAt("a.txt", dir, "sub/a2.txt");
    assertEquals("A", Files.readString(root.resolve("sub/a2.txt")));
    dir.renameAt("b.txt", dir, "sub/a2.txt");
    assertEquals("B", Files.readString(root.resolve("sub/a2.txt")));
    try (Descriptor sub = dir.openAt(false, "sub", DIRECTORY, READ_MUTATE)) {
      sub.renameAt("a2.txt", dir, "back.txt");
    }
    assertEquals("B", Files.readString(root.resolve("back.txt")));
    dir.renameAt("sub", dir, "sub2");
    assertTrue(Files.isDirectory(root.resolve("sub2")));
    assertCode(ErrorCode.NO_ENTRY, () -> dir.renameAt("missing", dir, "x"));
    assertCode(ErrorCode.BUSY, () -> dir.renameAt("sub2/..", dir, "x"));
  }

  @Test
  void symlinksInsideWork() throws Exception {
    dir.createDirectoryAt("real");
    Files.writeString(root.resolve("real/f.txt"), "through the link");
    dir.symlinkAt("real", "alias");
    dir.symlinkAt("alias/f.txt", "file-alias");
    assertEquals("real", dir.readlinkAt("alias"));
    try (Descriptor f = dir.openAt(true, "file-alias", NONE, READ)) {
      assertArrayEquals(utf8("through the link"), f.read(100, 0).data());
    }
    // intermediate symlinks are followed even without symlink-follow
    try (Descriptor f = dir.openAt(false, "alias/f.txt", NONE, READ)) {
      assertEquals(16, f.stat().size());
    }
    assertEquals(DescriptorType.SYMBOLIC_LINK, dir.statAt(false, "alias").type());
    assertEquals(DescriptorType.DIRECTORY, dir.statAt(true, "alias").type());
    assertCode(ErrorCode.INVALID, () -> dir.readlinkAt("real"));
    assertCode(ErrorCode.EXIST, () -> dir.symlinkAt("x", "alias"));
  }

  @Test
  void hardLinksShareTheObject() throws Exception {
    Files.writeString(root.resolve("orig.txt"), "same");
    dir.linkAt(false, "orig.txt", dir, "linked.txt");
    assertEquals(2, dir.statAt(false, "orig.txt").linkCount());
    try (Descriptor a = dir.openAt(false, "orig.txt", NONE, READ);
        Descriptor b = dir.openAt(false, "linked.txt", NONE, READ);
        Descriptor other = dir.openAt(false, "other.txt", CREATE, READ_WRITE)) {
      assertTrue(a.isSameObject(b));
      assertFalse(a.isSameObject(other));
      assertEquals(a.metadataHash(), b.metadataHash());
      assertEquals(a.metadataHash(), dir.metadataHashAt(false, "linked.txt"));
      assertNotEquals(a.metadataHash(), other.metadataHash());
    }
  }

  @Test
  void timestampsAreReadAndSet() throws Exception {
    Files.writeString(root.resolve("t.txt"), "t");
    Instant atime = Instant.parse("2001-02-03T04:05:06.123456789Z");
    Instant mtime = Instant.parse("2010-01-01T00:00:00.5Z");
    dir.setTimesAt(false, "t.txt", new NewTimestamp.At(atime), new NewTimestamp.At(mtime));
    DescriptorStat s = dir.statAt(false, "t.txt");
    assertEquals(Optional.of(atime), s.dataAccess());
    assertEquals(Optional.of(mtime), s.dataModification());
    assertTrue(s.statusChange().isPresent());
    assertEquals(
        FileTime.from(mtime),
        Files.getLastModifiedTime(root.resolve("t.txt"), LinkOption.NOFOLLOW_LINKS));
    try (Descriptor f = dir.openAt(false, "t.txt", NONE, READ_WRITE)) {
      Instant before = Instant.now().minusSeconds(5);
      f.setTimes(NewTimestamp.NO_CHANGE, NewTimestamp.NOW);
      DescriptorStat after = f.stat();
      assertEquals(Optional.of(atime), after.dataAccess());
      assertTrue(after.dataModification().orElseThrow().isAfter(before));
    }
    // a symlink's own times, without touching its target
    dir.symlinkAt("t.txt", "t-link");
    dir.setTimesAt(false, "t-link", NewTimestamp.NO_CHANGE, new NewTimestamp.At(atime));
    assertEquals(Optional.of(atime), dir.statAt(false, "t-link").dataModification());
    assertTrue(
        dir.statAt(true, "t-link").dataModification().orElseThrow().isAfter(mtime),
        "the target keeps the time set through its own descriptor");
  }

  @Test
  void pathChecksAndWrongDescriptorKinds() throws Exception {
    Files.writeString(root.resolve("f.txt"), "f");
    assertCode(ErrorCode.INVALID, () -> dir.openAt(false, "a\0b", NONE, READ));
    assertCode(ErrorCode.NO_ENTRY, () -> dir.openAt(false, "", NONE, READ));
    try (Descriptor f = dir.openAt(false, "f.txt", NONE, READ)) {
      assertCode(ErrorCode.NOT_DIRECTORY, () -> f.openAt(false, "x", NONE, READ));
      assertCode(ErrorCode.NOT_DIRECTORY, () -> f.createDirectoryAt("x"));
      assertCode(ErrorCode.NOT_DIRECTORY, () -> f.readDirectory());
      assertCode(ErrorCode.NOT_DIRECTORY, () -> f.statAt(false, "x"));
      assertCode(ErrorCode.NOT_DIRECTORY, () -> dir.openAt(false, "f.txt/", NONE, READ).close());
    }
    Descriptor closed = dir.openAt(false, "f.txt", NONE, READ);
    closed.close();
    assertCode(ErrorCode.BAD_DESCRIPTOR, () -> closed.read(1, 0));
    assertCode(ErrorCode.BAD_DESCRIPTOR, closed::stat);
  }
}
