package dev.brio.wasi.io;

import dev.brio.component.link.HostContext;
import dev.brio.component.link.HostResource;
import dev.brio.component.link.Linker;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.ValueType;
import dev.brio.component.types.VariantType;
import dev.brio.component.values.OwnValue;
import dev.brio.component.values.Value;
import dev.brio.component.values.VariantValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code wasi:io} resources of one WASI host on one {@link Linker}, for one version: the {@code
 * error}, {@code pollable}, {@code input-stream} and {@code output-stream} resource types, and the
 * table of host objects behind the handles given out. Other WASI interfaces (cli, clocks,
 * filesystem) write their function types with {@link #inputStream()} etc. and hand out streams with
 * {@link #ownInputStream}; {@link IoInterfaces} defines wasi:io's own functions.
 */
public final class IoHost {
  /** The most bytes one read, skip or write-zeroes moves (the guest may ask for any u64). */
  public static final int MAX_CHUNK = 1 << 20;

  private final String version;
  private final ResourceTable table = new ResourceTable();
  private final HostResource error;
  private final HostResource pollable;
  private final HostResource inputStream;
  private final HostResource outputStream;
  private final VariantType streamError;

  private IoHost(Linker linker, String version) {
    this.version = version;
    // one destructor per type: a host object may be both a stream and its own pollable, and only
    // dropping the stream closes it
    this.error = linker.defineResource(iface("error"), "error", table::remove);
    this.pollable = linker.defineResource(iface("poll"), "pollable", table::remove);
    this.inputStream =
        linker.defineResource(
            iface("streams"),
            "input-stream",
            rep -> {
              if (table.remove(rep) instanceof HostInputStream s) {
                s.close();
              }
            });
    this.outputStream =
        linker.defineResource(
            iface("streams"),
            "output-stream",
            rep -> {
              if (table.remove(rep) instanceof HostOutputStream s) {
                s.close();
              }
            });
    this.streamError =
        new VariantType(
            List.of(
                new VariantType.Case("last-operation-failed", Optional.of(error.own())),
                new VariantType.Case("closed", Optional.empty())));
  }

  /**
   * Defines {@code wasi:io/error}, {@code wasi:io/poll} and {@code wasi:io/streams} at {@code
   * version} (e.g. {@code 0.2.3}) on {@code linker}: their resource types and every function.
   */
  public static IoHost define(Linker linker, String version) {
    IoHost io = new IoHost(linker, version);
    IoInterfaces.define(linker, io);
    return io;
  }

  /** The wasi:io version this host was defined for. */
  public String version() {
    return version;
  }

  /** {@code wasi:io/<name>@version}. */
  public String iface(String name) {
    return "wasi:io/" + name + "@" + version;
  }

  /** The {@code error} resource of {@code wasi:io/error}. */
  public HostResource error() {
    return error;
  }

  /** The {@code pollable} resource of {@code wasi:io/poll}. */
  public HostResource pollable() {
    return pollable;
  }

  /** The {@code input-stream} resource of {@code wasi:io/streams}. */
  public HostResource inputStream() {
    return inputStream;
  }

  /** The {@code output-stream} resource of {@code wasi:io/streams}. */
  public HostResource outputStream() {
    return outputStream;
  }

  /** {@code variant stream-error { last-operation-failed(error), closed }}. */
  public VariantType streamError() {
    return streamError;
  }

  /** {@code result<ok, stream-error>}. */
  public ResultType result(Optional<ValueType> ok) {
    return new ResultType(ok, Optional.of(streamError));
  }

  /**
   * Releases every host object behind this host's handles; later calls that use the table fail with
   * an {@link IllegalStateException} saying {@code why}. Idempotent.
   */
  public void close(String why) {
    table.close(why);
  }

  /** The table of host objects behind this host's handles. */
  public ResourceTable table() {
    return table;
  }

  /** A new {@code own<input-stream>} for the calling instance. */
  public OwnValue ownInputStream(HostContext cx, HostInputStream stream) {
    return cx.own(inputStream, table.add(stream));
  }

  /** A new {@code own<output-stream>} for the calling instance. */
  public OwnValue ownOutputStream(HostContext cx, HostOutputStream stream) {
    return cx.own(outputStream, table.add(stream));
  }

  /** A new {@code own<pollable>} for the calling instance. */
  public OwnValue ownPollable(HostContext cx, Pollable p) {
    return cx.own(pollable, table.add(p));
  }

  /** A new {@code own<error>} for the calling instance. */
  public OwnValue ownError(HostContext cx, StreamException e) {
    return cx.own(error, table.add(e));
  }

  /** The stream behind an {@code own} or {@code borrow<input-stream>} argument. */
  public HostInputStream inputStream(HostContext cx, Value handle) {
    return table.get(cx.rep(handle), HostInputStream.class);
  }

  /** The stream behind an {@code own} or {@code borrow<output-stream>} argument. */
  public HostOutputStream outputStream(HostContext cx, Value handle) {
    return table.get(cx.rep(handle), HostOutputStream.class);
  }

  /** The pollable behind an {@code own} or {@code borrow<pollable>} argument. */
  public Pollable pollable(HostContext cx, Value handle) {
    return table.get(cx.rep(handle), Pollable.class);
  }

  /** The exception behind an {@code own} or {@code borrow<error>} argument. */
  public StreamException error(HostContext cx, Value handle) {
    return table.get(cx.rep(handle), StreamException.class);
  }

  /** {@code e} as a {@code stream-error} value (a failure becomes a new {@code own<error>}). */
  public Value streamError(HostContext cx, StreamException e) {
    return e.isClosed()
        ? new VariantValue("closed", Optional.empty())
        : new VariantValue("last-operation-failed", Optional.of(ownError(cx, e)));
  }

  static FuncType method(HostResource self, List<FuncType.Param> params, ValueType result) {
    return func(self, params, Optional.of(result));
  }

  static FuncType func(HostResource self, List<FuncType.Param> params, Optional<ValueType> result) {
    List<FuncType.Param> all = new ArrayList<>();
    all.add(new FuncType.Param("self", self.borrow()));
    all.addAll(params);
    return new FuncType(all, result);
  }

  static FuncType.Param u64(String name) {
    return new FuncType.Param(name, PrimitiveType.U64);
  }

  static ListType bytes() {
    return new ListType(PrimitiveType.U8);
  }
}
