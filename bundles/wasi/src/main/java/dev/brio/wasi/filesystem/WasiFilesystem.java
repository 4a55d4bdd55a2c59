package dev.brio.wasi.filesystem;

import dev.brio.component.link.ContextualHostFunction;
import dev.brio.component.link.HostContext;
import dev.brio.component.link.HostResource;
import dev.brio.component.link.Linker;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.ValueType;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.TupleValue;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.Value;
import dev.brio.wasi.io.IoHost;
import dev.brio.wasi.io.ResourceTable;
import dev.brio.wasi.io.StreamException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * {@code wasi:filesystem/types} and {@code wasi:filesystem/preopens} (any 0.2.x) on a {@link
 * Linker}, over the sandboxed {@link Descriptor}s of this package. Holds the preopens; each {@code
 * get-directories} call hands out fresh descriptors of them.
 */
public final class WasiFilesystem {
  private final List<Preopen> preopens;
  private final Optional<WorkspaceRoot> workspace;

  /** The resources defined per wasi:io host (one per linker) and filesystem version. */
  private final Map<IoHost, Map<String, Resources>> resources = new WeakHashMap<>();

  /**
   * @param preopens the directories the guest sees, in order
   * @throws IllegalArgumentException if a host directory cannot be opened
   * @throws UnsupportedOperationException if this system cannot confine lookups (no openat2)
   */
  public WasiFilesystem(List<Preopen> preopens) {
    this(preopens, Optional.empty());
  }

  /**
   * @param preopens the directories the guest sees, in order
   * @param workspace a directory bound at run time, listed after the preopens
   * @throws IllegalArgumentException if a host directory cannot be opened
   * @throws UnsupportedOperationException if this system cannot confine lookups (no openat2)
   */
  public WasiFilesystem(List<Preopen> preopens, Optional<WorkspaceRoot> workspace) {
    this.preopens = List.copyOf(preopens);
    this.workspace = Objects.requireNonNull(workspace, "workspace");
    for (Preopen p : this.preopens) {
      try {
        Descriptor.open(p).close();
      } catch (FsException e) {
        throw new IllegalArgumentException(
            "preopen " + p.hostDir() + " (guest path " + p.guestPath() + "): " + e.getMessage(), e);
      }
    }
  }

  /** The preopens, in order. */
  public List<Preopen> preopens() {
    return preopens;
  }

  /** The workspace root, if any. */
  public Optional<WorkspaceRoot> workspace() {
    return workspace;
  }

  /** {@code result<ok, error-code>}. */
  private static ResultType result(Optional<ValueType> ok) {
    return new ResultType(ok, Optional.of(FsTypes.ERROR_CODE));
  }

  private static FuncType method(HostResource self, List<FuncType.Param> params, ResultType r) {
    List<FuncType.Param> all = new ArrayList<>();
    all.add(new FuncType.Param("self", self.borrow()));
    all.addAll(params);
    return new FuncType(all, Optional.of(r));
  }

  private static FuncType.Param param(String name, ValueType type) {
    return new FuncType.Param(name, type);
  }

  /** A filesystem call: answers the ok payload (or empty for {@code _}) or throws its error. */
  @FunctionalInterface
  private interface FsCall {
    Optional<Value> call(HostContext cx, List<Value> args) throws FsException, StreamException;
  }

  /** Wraps a call's outcome in {@code result<_, error-code>}. */
  private static ContextualHostFunction returning(FsCall call) {
    return (cx, args) -> {
      try {
        return Optional.of(new ResultValue(true, call.call(cx, args)));
      } catch (FsException e) {
        return Optional.of(ResultValue.err(FsTypes.errorCode(e.code())));
      }
    };
  }

  private static Optional<Value> ok(Value v) {
    return Optional.of(v);
  }

  private static String string(Value v) {
    return ((StringValue) v).value();
  }

  private static long u64(Value v) {
    return ((U64Value) v).bits();
  }

  /** The two resource types of one {@code wasi:filesystem/types@version} on one linker. */
  private record Resources(HostResource descriptor, HostResource entries) {}

  /**
   * The resources for {@code io}'s linker at {@code version}, defined on first use: both {@code
   * types} and {@code preopens} need the descriptor type, in whichever order they are defined.
   */
  private Resources resources(Linker linker, String version, IoHost io) {
    synchronized (resources) {
      return resources
          .computeIfAbsent(io, k -> new HashMap<>())
          .computeIfAbsent(version, v -> defineResources(linker, v, io.table()));
    }
  }

  private static Resources defineResources(Linker linker, String version, ResourceTable table) {
    String iface = typesInterface(version);
    HostResource descriptor =
        linker.defineResource(
            iface,
            "descriptor",
            rep -> {
              if (table.remove(rep) instanceof Descriptor d) {
                d.close();
              }
            });
    HostResource entries =
        linker.defineResource(
            iface,
            "directory-entry-stream",
            rep -> {
              if (table.remove(rep) instanceof DirectoryEntryStream s) {
                s.close();
              }
            });
    return new Resources(descriptor, entries);
  }

  private static String typesInterface(String version) {
    return "wasi:filesystem/types@" + version;
  }

  /**
   * Defines {@code wasi:filesystem/types@version} (e.g. {@code 0.2.3}): the {@code descriptor} and
   * {@code directory-entry-stream} resources, their methods and {@code filesystem-error-code}, with
   * streams and errors of {@code io}.
   */
  public void defineTypes(Linker linker, String version, IoHost io) {
    Resources r = resources(linker, version, Objects.requireNonNull(io, "io"));
    new TypesBinding(linker, typesInterface(version), io, r.descriptor(), r.entries()).define();
  }

  /** Defines {@code wasi:filesystem/preopens@version}: {@code get-directories}. */
  public void definePreopens(Linker linker, String version, IoHost io) {
    HostResource descriptor =
        resources(linker, version, Objects.requireNonNull(io, "io")).descriptor();
    linker.define(
        "wasi:filesystem/preopens@" + version,
        "get-directories",
        new FuncType(
            List.of(),
            Optional.of(
                new ListType(new TupleType(List.of(descriptor.own(), PrimitiveType.STRING))))),
        (cx, args) -> {
          List<Value> out = new ArrayList<>();
          for (Preopen p : preopens) {
            Descriptor d = Descriptor.open(p);
            out.add(
                new TupleValue(
                    List.of(
                        cx.own(descriptor, io.table().add(d)), new StringValue(p.guestPath()))));
          }
          if (workspace.isPresent()) {
            WorkspaceRoot w = workspace.get();
            out.add(
                new TupleValue(
                    List.of(
                        cx.own(descriptor, io.table().add(Descriptor.workspace(w))),
                        new StringValue(w.guestPath()))));
          }
          return Optional.of(new ListValue(out));
        });
  }

  /** The function definitions of one {@code types} interface. */
  private record TypesBinding(
      Linker linker, String iface, IoHost io, HostResource descriptor, HostResource entries) {

    Descriptor self(HostContext cx, Value handle) {
      return io.table().get(cx.rep(handle), Descriptor.class);
    }

    void method(String name, List<FuncType.Param> params, Optional<ValueType> ok, FsCall call) {
      linker.define(
          iface,
          "[method]descriptor." + name,
          WasiFilesystem.method(descriptor, params, result(ok)),
          returning(call));
    }

    void define() {
      Optional<ValueType> none = Optional.empty();
      method(
          "read-via-stream",
          List.of(param("offset", PrimitiveType.U64)),
          Optional.of(io.inputStream().own()),
          (cx, a) -> ok(io.ownInputStream(cx, self(cx, a.get(0)).readViaStream(u64(a.get(1))))));
      method(
          "write-via-stream",
          List.of(param("offset", PrimitiveType.U64)),
          Optional.of(io.outputStream().own()),
          (cx, a) -> ok(io.ownOutputStream(cx, self(cx, a.get(0)).writeViaStream(u64(a.get(1))))));
      method(
          "append-via-stream",
          List.of(),
          Optional.of(io.outputStream().own()),
          (cx, a) -> ok(io.ownOutputStream(cx, self(cx, a.get(0)).appendViaStream())));
      method(
          "advise",
          List.of(
              param("offset", PrimitiveType.U64),
              param("length", PrimitiveType.U64),
              param("advice", FsTypes.ADVICE)),
          none,
          (cx, a) -> {
            self(cx, a.get(0))
                .advise(u64(a.get(1)), u64(a.get(2)), FsTypes.enumCase(Advice.class, a.get(3)));
            return Optional.empty();
          });
      method(
          "sync-data",
          List.of(),
          none,
          (cx, a) -> {
            self(cx, a.get(0)).syncData();
            return Optional.empty();
          });
      method(
          "get-flags",
          List.of(),
          Optional.of(FsTypes.DESCRIPTOR_FLAGS),
          (cx, a) -> ok(FsTypes.flagsValue(self(cx, a.get(0)).getFlags())));
      method(
          "get-type",
          List.of(),
          Optional.of(FsTypes.DESCRIPTOR_TYPE),
          (cx, a) -> ok(FsTypes.descriptorType(self(cx, a.get(0)).getType())));
      method(
          "set-size",
          List.of(param("size", PrimitiveType.U64)),
          none,
          (cx, a) -> {
            self(cx, a.get(0)).setSize(u64(a.get(1)));
            return Optional.empty();
          });
      method(
          "set-times",
          List.of(
              param("data-access-timestamp", FsTypes.NEW_TIMESTAMP),
              param("data-modification-timestamp", FsTypes.NEW_TIMESTAMP)),
          none,
          (cx, a) -> {
            self(cx, a.get(0))
                .setTimes(FsTypes.newTimestamp(a.get(1)), FsTypes.newTimestamp(a.get(2)));
            return Optional.empty();
          });
      method(
          "read",
          List.of(param("length", PrimitiveType.U64), param("offset", PrimitiveType.U64)),
          Optional.of(new TupleType(List.of(new ListType(PrimitiveType.U8), PrimitiveType.BOOL))),
          (cx, a) -> {
            Descriptor.ReadResult r = self(cx, a.get(0)).read(u64(a.get(1)), u64(a.get(2)));
            return ok(
                new TupleValue(List.of(ListValue.ofU8(r.data()), new BoolValue(r.endOfFile()))));
          });
      method(
          "write",
          List.of(
              param("buffer", new ListType(PrimitiveType.U8)), param("offset", PrimitiveType.U64)),
          Optional.of(PrimitiveType.U64),
          (cx, a) -> {
            byte[] bytes = ((ListValue) a.get(1)).toU8Array().orElseThrow();
            return ok(new U64Value(self(cx, a.get(0)).write(bytes, u64(a.get(2)))));
          });
      method(
          "read-directory",
          List.of(),
          Optional.of(entries.own()),
          (cx, a) -> ok(cx.own(entries, io.table().add(self(cx, a.get(0)).readDirectory()))));
      method(
          "sync",
          List.of(),
          none,
          (cx, a) -> {
            self(cx, a.get(0)).sync();
            return Optional.empty();
          });
      method(
          "create-directory-at",
          List.of(param("path", PrimitiveType.STRING)),
          none,
          (cx, a) -> {
            self(cx, a.get(0)).createDirectoryAt(string(a.get(1)));
            return Optional.empty();
          });
      method(
          "stat",
          List.of(),
          Optional.of(FsTypes.DESCRIPTOR_STAT),
          (cx, a) -> ok(FsTypes.stat(self(cx, a.get(0)).stat())));
      method(
          "stat-at",
          List.of(param("path-flags", FsTypes.PATH_FLAGS), param("path", PrimitiveType.STRING)),
          Optional.of(FsTypes.DESCRIPTOR_STAT),
          (cx, a) ->
              ok(
                  FsTypes.stat(
                      self(cx, a.get(0))
                          .statAt(FsTypes.followSymlinks(a.get(1)), string(a.get(2))))));
      method(
          "set-times-at",
          List.of(
              param("path-flags", FsTypes.PATH_FLAGS),
              param("path", PrimitiveType.STRING),
              param("data-access-timestamp", FsTypes.NEW_TIMESTAMP),
              param("data-modification-timestamp", FsTypes.NEW_TIMESTAMP)),
          none,
          (cx, a) -> {
            self(cx, a.get(0))
                .setTimesAt(
                    FsTypes.followSymlinks(a.get(1)),
                    string(a.get(2)),
                    FsTypes.newTimestamp(a.get(3)),
                    FsTypes.newTimestamp(a.get(4)));
            return Optional.empty();
          });
      method(
          "link-at",
          List.of(
              param("old-path-flags", FsTypes.PATH_FLAGS),
              param("old-path", PrimitiveType.STRING),
              param("new-descriptor", descriptor.borrow()),
              param("new-path", PrimitiveType.STRING)),
          none,
          (cx, a) -> {
            self(cx, a.get(0))
                .linkAt(
                    FsTypes.followSymlinks(a.get(1)),
                    string(a.get(2)),
                    self(cx, a.get(3)),
                    string(a.get(4)));
            return Optional.empty();
          });
      method(
          "open-at",
          List.of(
              param("path-flags", FsTypes.PATH_FLAGS),
              param("path", PrimitiveType.STRING),
              param("open-flags", FsTypes.OPEN_FLAGS),
              param("flags", FsTypes.DESCRIPTOR_FLAGS)),
          Optional.of(descriptor.own()),
          (cx, a) -> {
            Descriptor d =
                self(cx, a.get(0))
                    .openAt(
                        FsTypes.followSymlinks(a.get(1)),
                        string(a.get(2)),
                        FsTypes.flags(OpenFlag.class, a.get(3)),
                        FsTypes.flags(DescriptorFlag.class, a.get(4)));
            return ok(cx.own(descriptor, io.table().add(d)));
          });
      method(
          "readlink-at",
          List.of(param("path", PrimitiveType.STRING)),
          Optional.of(PrimitiveType.STRING),
          (cx, a) -> ok(new StringValue(self(cx, a.get(0)).readlinkAt(string(a.get(1))))));
      method(
          "remove-directory-at",
          List.of(param("path", PrimitiveType.STRING)),
          none,
          (cx, a) -> {
            self(cx, a.get(0)).removeDirectoryAt(string(a.get(1)));
            return Optional.empty();
          });
      method(
          "rename-at",
          List.of(
              param("old-path", PrimitiveType.STRING),
              param("new-descriptor", descriptor.borrow()),
              param("new-path", PrimitiveType.STRING)),
          none,
          (cx, a) -> {
            self(cx, a.get(0)).renameAt(string(a.get(1)), self(cx, a.get(2)), string(a.get(3)));
            return Optional.empty();
          });
      method(
          "symlink-at",
          List.of(param("old-path", PrimitiveType.STRING), param("new-path", PrimitiveType.STRING)),
          none,
          (cx, a) -> {
            self(cx, a.get(0)).symlinkAt(string(a.get(1)), string(a.get(2)));
            return Optional.empty();
          });
      method(
          "unlink-file-at",
          List.of(param("path", PrimitiveType.STRING)),
          none,
          (cx, a) -> {
            self(cx, a.get(0)).unlinkFileAt(string(a.get(1)));
            return Optional.empty();
          });
      linker.define(
          iface,
          "[method]descriptor.is-same-object",
          new FuncType(
              List.of(param("self", descriptor.borrow()), param("other", descriptor.borrow())),
              Optional.of(PrimitiveType.BOOL)),
          (cx, a) -> {
            boolean same;
            try {
              same = self(cx, a.get(0)).isSameObject(self(cx, a.get(1)));
            } catch (FsException e) {
              // no error in the signature: an object that cannot be examined is no match
              same = false;
            }
            return Optional.of(new BoolValue(same));
          });
      method(
          "metadata-hash",
          List.of(),
          Optional.of(FsTypes.METADATA_HASH_VALUE),
          (cx, a) -> ok(FsTypes.hash(self(cx, a.get(0)).metadataHash())));
      method(
          "metadata-hash-at",
          List.of(param("path-flags", FsTypes.PATH_FLAGS), param("path", PrimitiveType.STRING)),
          Optional.of(FsTypes.METADATA_HASH_VALUE),
          (cx, a) ->
              ok(
                  FsTypes.hash(
                      self(cx, a.get(0))
                          .metadataHashAt(FsTypes.followSymlinks(a.get(1)), string(a.get(2))))));
      linker.define(
          iface,
          "[method]directory-entry-stream.read-directory-entry",
          WasiFilesystem.method(
              entries, List.of(), result(Optional.of(new OptionType(FsTypes.DIRECTORY_ENTRY)))),
          returning(
              (cx, a) -> {
                DirectoryEntryStream s =
                    io.table().get(cx.rep(a.get(0)), DirectoryEntryStream.class);
                return ok(
                    s.next()
                        .map(e -> (Value) OptionValue.some(FsTypes.entry(e)))
                        .orElse(OptionValue.none()));
              }));
      linker.define(
          iface,
          "filesystem-error-code",
          new FuncType(
              List.of(param("err", io.error().borrow())),
              Optional.of(new OptionType(FsTypes.ERROR_CODE))),
          (cx, a) -> {
            StreamException e = io.error(cx, a.get(0));
            return Optional.of(
                e.getCause() instanceof FsException fs
                    ? OptionValue.some(FsTypes.errorCode(fs.code()))
                    : OptionValue.none());
          });
    }
  }
}
