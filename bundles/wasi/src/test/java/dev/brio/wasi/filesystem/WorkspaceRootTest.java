package dev.brio.wasi.filesystem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.wasi.WasiConfig;
import dev.brio.wasi.io.HostInputStream;
import dev.brio.wasi.io.HostOutputStream;
import dev.brio.wasi.io.StreamException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link WorkspaceRoot} on real directories, through its own descriptor: refused while unbound, a
 * preopen while bound, and after a rebinding everything opened before is cut off while the root
 * follows.
 */
class WorkspaceRootTest {
  private static final Set<OpenFlag> NONE = EnumSet.noneOf(OpenFlag.class);
  private static final Set<OpenFlag> CREATE = EnumSet.of(OpenFlag.CREATE);
  private static final Set<OpenFlag> DIRECTORY = EnumSet.of(OpenFlag.DIRECTORY);
  private static final Set<DescriptorFlag> READ = EnumSet.of(DescriptorFlag.READ);
  private static final Set<DescriptorFlag> READ_WRITE =
      EnumSet.of(DescriptorFlag.READ, DescriptorFlag.WRITE);
  private static final NewTimestamp NO_CHANGE = new NewTimestamp.NoChange();

  @TempDir Path base;
  private Path first;
  private Path second;
  private final WorkspaceRoot workspace = new WorkspaceRoot("/work");
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private Descriptor root;

  @BeforeEach
  void setUp() throws Exception {
    first = Files.createDirectory(base.resolve("first"));
    second = Files.createDirectory(base.resolve("second"));
    Files.writeString(first.resolve("one.txt"), "first one");
    Files.createDirectory(first.resolve("sub"));
    Files.writeString(second.resolve("two.txt"), "second two");
    root = Descriptor.workspace(workspace);
  }

  @AfterEach
  void tearDown() {
    root.close();
    workspace.unbind();
  }

  private static void assertCode(ErrorCode expected, Executable call) {
    FsException e = assertThrows(FsException.class, call);
    assertEquals(expected, e.code(), e.getMessage());
  }

  private static String text(Descriptor file) throws FsException {
    return new String(file.read(100, 0).data(), StandardCharsets.UTF_8);
  }

  @Test
  void unboundEveryOperationIsNotPermitted() throws Exception {
    assertEquals(Optional.empty(), workspace.directory());
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.openAt(false, "one.txt", NONE, READ));
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.openAt(false, "new.txt", CREATE, READ_WRITE));
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.statAt(false, "one.txt"));
    assertCode(ErrorCode.NOT_PERMITTED, root::stat);
    // its type is no secret, and the preview1 adapter traps if it cannot learn it
    assertEquals(DescriptorType.DIRECTORY, root.getType());
    assertCode(ErrorCode.NOT_PERMITTED, root::getFlags);
    assertCode(ErrorCode.NOT_PERMITTED, root::readDirectory);
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.createDirectoryAt("d"));
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.unlinkFileAt("one.txt"));
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.renameAt("one.txt", root, "moved.txt"));
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.symlinkAt("one.txt", "ln"));
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.setTimes(NO_CHANGE, NO_CHANGE));
    assertCode(ErrorCode.NOT_PERMITTED, root::sync);
    assertTrue(root.readOnly());
    try (var left = Files.list(first)) {
      assertEquals(2, left.count());
    }
    assertTrue(heard.isEmpty());
  }

  @Test
  void boundItIsThePreopenOfTheDirectory() throws Exception {
    workspace.bind(first, false, heard::add);
    assertEquals(Optional.of(first.toAbsolutePath()), workspace.directory());
    assertEquals(DescriptorType.DIRECTORY, root.getType());
    assertEquals(EnumSet.of(DescriptorFlag.READ, DescriptorFlag.MUTATE_DIRECTORY), root.getFlags());
    try (Descriptor one = root.openAt(false, "one.txt", NONE, READ)) {
      assertEquals("first one", text(one));
    }
    try (Descriptor made = root.openAt(false, "sub/made.txt", CREATE, READ_WRITE)) {
      made.write("made".getBytes(StandardCharsets.UTF_8), 0);
    }
    assertEquals("made", Files.readString(first.resolve("sub/made.txt")));
    // new times on the bound directory itself are no change of anything in it
    NewTimestamp epoch = new NewTimestamp.At(Instant.EPOCH);
    root.setTimes(epoch, epoch);
    root.setTimesAt(false, ".", epoch, epoch);
    root.setTimesAt(false, "sub/..", epoch, epoch);
    assertEquals(FileTime.from(Instant.EPOCH), Files.getLastModifiedTime(first));
    assertEquals(List.of("sub/made.txt", "sub/made.txt"), heard);
  }

  @Test
  void aReadOnlyBindingRefusesChanges() throws Exception {
    workspace.bind(first, true, heard::add);
    assertEquals(EnumSet.of(DescriptorFlag.READ), root.getFlags());
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.openAt(false, "new.txt", CREATE, READ_WRITE));
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.openAt(false, "one.txt", NONE, READ_WRITE));
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.createDirectoryAt("d"));
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.unlinkFileAt("one.txt"));
    assertEquals("first one", Files.readString(first.resolve("one.txt")));
    assertTrue(heard.isEmpty());
  }

  @Test
  void streamWritesAreReportedWithThePathBeneathTheRoot() throws Exception {
    workspace.bind(first, false, heard::add);
    try (Descriptor sub =
            root.openAt(
                false,
                "sub",
                DIRECTORY,
                EnumSet.of(DescriptorFlag.READ, DescriptorFlag.MUTATE_DIRECTORY));
        Descriptor log = sub.openAt(false, "./log.txt", CREATE, READ_WRITE)) {
      HostOutputStream out = log.appendViaStream();
      out.write("a".getBytes(StandardCharsets.UTF_8));
      out.write("b".getBytes(StandardCharsets.UTF_8));
      out.close();
      log.setSize(1);
      sub.renameAt("log.txt", root, "top.txt");
    }
    assertEquals("a", Files.readString(first.resolve("top.txt")));
    assertEquals(
        List.of(
            "sub/log.txt", "sub/log.txt", "sub/log.txt", "sub/log.txt", "sub/log.txt", "top.txt"),
        heard);
  }

  @Test
  void rebindingCutsOffWhatWasOpenedAndTheRootFollows() throws Exception {
    List<String> heardSecond = new CopyOnWriteArrayList<>();
    workspace.bind(first, false, heard::add);
    Descriptor one = root.openAt(false, "one.txt", NONE, READ_WRITE);
    Descriptor sub = root.openAt(false, "sub", DIRECTORY, READ);
    HostInputStream in = one.readViaStream(0);
    HostOutputStream out = one.writeViaStream(0);
    DirectoryEntryStream listing = root.readDirectory();

    workspace.bind(second, false, heardSecond::add);

    assertEquals(Optional.of(second.toAbsolutePath()), workspace.directory());
    assertCode(ErrorCode.BAD_DESCRIPTOR, () -> one.read(10, 0));
    assertCode(ErrorCode.BAD_DESCRIPTOR, () -> one.write(new byte[] {'x'}, 0));
    assertCode(ErrorCode.BAD_DESCRIPTOR, one::stat);
    assertCode(ErrorCode.BAD_DESCRIPTOR, () -> sub.openAt(false, ".", NONE, READ));
    assertCode(ErrorCode.BAD_DESCRIPTOR, () -> sub.createDirectoryAt("new"));
    assertCode(ErrorCode.BAD_DESCRIPTOR, () -> root.renameAt("two.txt", sub, "two.txt"));
    assertCode(ErrorCode.BAD_DESCRIPTOR, listing::next);
    assertBadDescriptor(assertThrows(StreamException.class, () -> in.read(10)));
    assertBadDescriptor(assertThrows(StreamException.class, () -> out.write(new byte[] {'x'})));
    one.close();
    sub.close();
    in.close();
    out.close();
    listing.close();

    assertCode(ErrorCode.NO_ENTRY, () -> root.statAt(false, "one.txt"));
    try (Descriptor two = root.openAt(false, "two.txt", NONE, READ)) {
      assertEquals("second two", text(two));
    }
    assertEquals("first one", Files.readString(first.resolve("one.txt")));
    assertTrue(Files.notExists(first.resolve("new")));
    assertTrue(heard.isEmpty());
    assertTrue(heardSecond.isEmpty());

    workspace.unbind();
    assertCode(ErrorCode.NOT_PERMITTED, () -> root.statAt(false, "two.txt"));
  }

  private static void assertBadDescriptor(StreamException e) {
    FsException cause = assertInstanceOf(FsException.class, e.getCause(), e.getMessage());
    assertEquals(ErrorCode.BAD_DESCRIPTOR, cause.code());
  }

  @Test
  void aDirectoryThatCannotBeOpenedKeepsThePreviousBinding() throws Exception {
    workspace.bind(first, false, heard::add);
    Path file = first.resolve("one.txt");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> workspace.bind(base.resolve("missing"), false, heard::add));
    assertTrue(e.getMessage().contains("missing"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> workspace.bind(file, false, heard::add));
    assertEquals(Optional.of(first.toAbsolutePath()), workspace.directory());
    assertEquals(DescriptorType.REGULAR_FILE, root.statAt(false, "one.txt").type());
  }

  @Test
  void releasingABindingEndsOnlyThatBinding() throws Exception {
    WorkspaceRoot.Bound firstBinding = workspace.bind(first, false, heard::add);
    WorkspaceRoot.Bound secondBinding = workspace.bind(second, false, heard::add);

    firstBinding.release(); // already replaced: the second binding stays
    assertEquals(Optional.of(second.toAbsolutePath()), workspace.directory());
    Descriptor two = root.openAt(false, "two.txt", NONE, READ);

    secondBinding.release();
    assertFalse(workspace.directory().isPresent());
    assertCode(ErrorCode.BAD_DESCRIPTOR, () -> two.read(1, 0));
    two.close();
    secondBinding.release(); // idempotent
    WorkspaceRoot.Bound again = workspace.bind(first, false, heard::add);
    secondBinding.release(); // and never touches a later binding
    assertEquals(Optional.of(first.toAbsolutePath()), workspace.directory());
    again.release();
  }

  @Test
  void unbindingTwiceAndBindingTheSameDirectoryAgainAreFine() throws Exception {
    workspace.unbind();
    workspace.bind(first, false, heard::add);
    Descriptor one = root.openAt(false, "one.txt", NONE, READ);
    workspace.bind(first, false, heard::add);
    // a new binding, even of the same directory, cuts off the old descriptors
    assertCode(ErrorCode.BAD_DESCRIPTOR, () -> one.read(1, 0));
    one.close();
    assertEquals(DescriptorType.REGULAR_FILE, root.statAt(false, "one.txt").type());
    workspace.unbind();
    workspace.unbind();
    assertFalse(workspace.directory().isPresent());
  }

  @Test
  void aListenerThatFailsFailsTheCallAfterTheChange() throws Exception {
    workspace.bind(
        first,
        false,
        path -> {
          throw new IllegalStateException("no room for " + path);
        });
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> root.createDirectoryAt("d"));
    assertEquals("no room for d", e.getMessage());
    assertTrue(Files.isDirectory(first.resolve("d")));
  }

  @Test
  void aConfigTakesOneWorkspaceWhosePathNoPreopenHas() {
    WasiConfig.Builder b = WasiConfig.builder("t").workspace(workspace);
    assertThrows(IllegalStateException.class, () -> b.workspace(new WorkspaceRoot("/other")));
    assertEquals(Optional.of(workspace), b.build().workspace());
    assertThrows(
        IllegalArgumentException.class,
        () -> b.preopen(new Preopen(first, "/work", false)).build());
    assertThrows(IllegalArgumentException.class, () -> new WorkspaceRoot(""));
  }
}
