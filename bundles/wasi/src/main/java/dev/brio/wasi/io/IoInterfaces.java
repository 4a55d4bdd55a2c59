package dev.brio.wasi.io;

import static dev.brio.wasi.io.IoHost.bytes;
import static dev.brio.wasi.io.IoHost.method;
import static dev.brio.wasi.io.IoHost.u64;

import dev.brio.component.link.HostContext;
import dev.brio.component.link.Linker;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.U64Value;
import dev.brio.component.values.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The functions of {@code wasi:io/error}, {@code wasi:io/poll} and {@code wasi:io/streams}. */
final class IoInterfaces {
  private IoInterfaces() {}

  /** A stream operation that may fail with a {@link StreamException}. */
  @FunctionalInterface
  private interface StreamOp {
    Optional<Value> run(HostContext cx, List<Value> args) throws Exception;
  }

  static void define(Linker linker, IoHost io) {
    defineError(linker, io);
    definePoll(linker, io);
    defineInputStream(linker, io);
    defineOutputStream(linker, io);
  }

  private static void defineError(Linker linker, IoHost io) {
    linker.define(
        io.iface("error"),
        "[method]error.to-debug-string",
        method(io.error(), List.of(), PrimitiveType.STRING),
        (cx, args) -> {
          StreamException e = io.error(cx, args.get(0));
          String text = e.getMessage();
          if (e.getCause() != null) {
            text += ": " + e.getCause();
          }
          return Optional.of(new StringValue(text));
        });
  }

  private static void definePoll(Linker linker, IoHost io) {
    String iface = io.iface("poll");
    linker.define(
        iface,
        "[method]pollable.ready",
        method(io.pollable(), List.of(), PrimitiveType.BOOL),
        (cx, args) -> Optional.of(new BoolValue(io.pollable(cx, args.get(0)).ready())));
    linker.define(
        iface,
        "[method]pollable.block",
        IoHost.func(io.pollable(), List.of(), Optional.empty()),
        (cx, args) -> {
          io.pollable(cx, args.get(0)).block();
          return Optional.empty();
        });
    linker.define(
        iface,
        "poll",
        new FuncType(
            List.of(new FuncType.Param("in", new ListType(io.pollable().borrow()))),
            Optional.of(new ListType(PrimitiveType.U32))),
        (cx, args) -> {
          List<Pollable> in = new ArrayList<>();
          for (Value handle : ((ListValue) args.get(0)).elements()) {
            in.add(io.pollable(cx, handle));
          }
          List<Value> ready = new ArrayList<>();
          for (int i : Poll.poll(in)) {
            ready.add(new U32Value(i));
          }
          return Optional.of(new ListValue(ready));
        });
  }

  private static void defineInputStream(Linker linker, IoHost io) {
    String iface = io.iface("streams");
    FuncType read = method(io.inputStream(), List.of(u64("len")), io.result(Optional.of(bytes())));
    FuncType skip =
        method(io.inputStream(), List.of(u64("len")), io.result(Optional.of(PrimitiveType.U64)));
    define(
        linker,
        io,
        "[method]input-stream.read",
        read,
        (cx, args) -> ok(ByteLists.toList(in(io, cx, args).read(chunk(args.get(1))))));
    define(
        linker,
        io,
        "[method]input-stream.blocking-read",
        read,
        (cx, args) -> ok(ByteLists.toList(in(io, cx, args).blockingRead(chunk(args.get(1))))));
    define(
        linker,
        io,
        "[method]input-stream.skip",
        skip,
        (cx, args) -> ok(new U64Value(in(io, cx, args).skip(chunk(args.get(1))))));
    define(
        linker,
        io,
        "[method]input-stream.blocking-skip",
        skip,
        (cx, args) -> ok(new U64Value(in(io, cx, args).blockingSkip(chunk(args.get(1))))));
    linker.define(
        iface,
        "[method]input-stream.subscribe",
        method(io.inputStream(), List.of(), io.pollable().own()),
        (cx, args) -> Optional.of(io.ownPollable(cx, in(io, cx, args).pollable())));
  }

  private static void defineOutputStream(Linker linker, IoHost io) {
    String iface = io.iface("streams");
    FuncType unit =
        method(
            io.outputStream(),
            List.of(new FuncType.Param("contents", bytes())),
            io.result(Optional.empty()));
    FuncType noArgs = method(io.outputStream(), List.of(), io.result(Optional.empty()));
    FuncType zeroes = method(io.outputStream(), List.of(u64("len")), io.result(Optional.empty()));
    FuncType splice =
        method(
            io.outputStream(),
            List.of(new FuncType.Param("src", io.inputStream().borrow()), u64("len")),
            io.result(Optional.of(PrimitiveType.U64)));
    define(
        linker,
        io,
        "[method]output-stream.check-write",
        method(io.outputStream(), List.of(), io.result(Optional.of(PrimitiveType.U64))),
        (cx, args) -> ok(new U64Value(out(io, cx, args).checkWrite())));
    define(
        linker,
        io,
        "[method]output-stream.write",
        unit,
        (cx, args) -> {
          out(io, cx, args).write(ByteLists.toBytes(args.get(1)));
          return unitOk();
        });
    define(
        linker,
        io,
        "[method]output-stream.blocking-write-and-flush",
        unit,
        (cx, args) -> {
          OutputOps.blockingWriteAndFlush(out(io, cx, args), ByteLists.toBytes(args.get(1)));
          return unitOk();
        });
    define(
        linker,
        io,
        "[method]output-stream.flush",
        noArgs,
        (cx, args) -> {
          out(io, cx, args).flush();
          return unitOk();
        });
    define(
        linker,
        io,
        "[method]output-stream.blocking-flush",
        noArgs,
        (cx, args) -> {
          out(io, cx, args).blockingFlush();
          return unitOk();
        });
    linker.define(
        iface,
        "[method]output-stream.subscribe",
        method(io.outputStream(), List.of(), io.pollable().own()),
        (cx, args) -> Optional.of(io.ownPollable(cx, out(io, cx, args).pollable())));
    define(
        linker,
        io,
        "[method]output-stream.write-zeroes",
        zeroes,
        (cx, args) -> {
          out(io, cx, args).write(new byte[chunk(args.get(1))]);
          return unitOk();
        });
    define(
        linker,
        io,
        "[method]output-stream.blocking-write-zeroes-and-flush",
        zeroes,
        (cx, args) -> {
          OutputOps.blockingWriteAndFlush(out(io, cx, args), new byte[chunk(args.get(1))]);
          return unitOk();
        });
    for (boolean blocking : new boolean[] {false, true}) {
      define(
          linker,
          io,
          blocking ? "[method]output-stream.blocking-splice" : "[method]output-stream.splice",
          splice,
          (cx, args) ->
              ok(
                  new U64Value(
                      OutputOps.splice(
                          out(io, cx, args),
                          io.inputStream(cx, args.get(1)),
                          chunk(args.get(2)),
                          blocking))));
    }
  }

  /** Defines a function whose {@link StreamException} becomes its {@code err(stream-error)}. */
  private static void define(Linker linker, IoHost io, String name, FuncType type, StreamOp op) {
    linker.define(
        io.iface("streams"),
        name,
        type,
        (cx, args) -> {
          try {
            return op.run(cx, args);
          } catch (StreamException e) {
            return Optional.of(ResultValue.err(io.streamError(cx, e)));
          }
        });
  }

  private static HostInputStream in(IoHost io, HostContext cx, List<Value> args) {
    return io.inputStream(cx, args.get(0));
  }

  private static HostOutputStream out(IoHost io, HostContext cx, List<Value> args) {
    return io.outputStream(cx, args.get(0));
  }

  /** A guest's u64 length, capped at {@link IoHost#MAX_CHUNK}. */
  private static int chunk(Value len) {
    long n = ((U64Value) len).bits();
    return n < 0 || n > IoHost.MAX_CHUNK ? IoHost.MAX_CHUNK : (int) n;
  }

  private static Optional<Value> ok(Value v) {
    return Optional.of(ResultValue.ok(v));
  }

  private static Optional<Value> unitOk() {
    return Optional.of(new ResultValue(true, Optional.empty()));
  }
}
