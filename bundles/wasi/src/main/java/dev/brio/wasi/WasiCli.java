package dev.brio.wasi;

import dev.brio.component.link.HostResource;
import dev.brio.component.link.Linker;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.TupleType;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.OptionValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.TupleValue;
import dev.brio.component.values.U8Value;
import dev.brio.component.values.Value;
import dev.brio.wasi.io.HostInputStream;
import dev.brio.wasi.io.IoHost;
import dev.brio.wasi.io.Pollable;
import dev.brio.wasi.io.PumpedInputStream;
import dev.brio.wasi.io.SinkOutputStream;
import dev.brio.wasi.io.StreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code wasi:cli} 0.2: environment, exit, stdin/stdout/stderr and the terminal interfaces (there
 * is never a terminal: {@code get-terminal-*} return none).
 */
final class WasiCli {

  private final WasiConfig config;
  private PumpedInputStream stdin;

  WasiCli(WasiConfig config) {
    this.config = config;
  }

  /** Defines {@code wasi:cli/environment@version}. */
  void defineEnvironment(Linker linker, String version) {
    String iface = "wasi:cli/environment@" + version;
    linker.define(
        iface,
        "get-environment",
        new FuncType(
            List.of(),
            Optional.of(
                new ListType(new TupleType(List.of(PrimitiveType.STRING, PrimitiveType.STRING))))),
        args -> {
          List<Value> vars = new ArrayList<>();
          for (Map.Entry<String, String> e : config.env().entrySet()) {
            vars.add(
                new TupleValue(
                    List.of(new StringValue(e.getKey()), new StringValue(e.getValue()))));
          }
          return Optional.of(new ListValue(vars));
        });
    linker.define(
        iface,
        "get-arguments",
        new FuncType(List.of(), Optional.of(new ListType(PrimitiveType.STRING))),
        args ->
            Optional.of(
                new ListValue(config.args().stream().<Value>map(StringValue::new).toList())));
    linker.define(
        iface,
        "initial-cwd",
        new FuncType(List.of(), Optional.of(new OptionType(PrimitiveType.STRING))),
        args -> Optional.of(new OptionValue(config.initialCwd().map(StringValue::new))));
  }

  /** Defines {@code wasi:cli/exit@version}: both functions end the call with a {@link WasiExit}. */
  void defineExit(Linker linker, String version) {
    String iface = "wasi:cli/exit@" + version;
    linker.define(
        iface,
        "exit",
        new FuncType(
            List.of(
                new FuncType.Param("status", new ResultType(Optional.empty(), Optional.empty()))),
            Optional.empty()),
        args -> {
          throw new WasiExit(((ResultValue) args.get(0)).isOk() ? 0 : 1);
        });
    linker.define(
        iface,
        "exit-with-code",
        new FuncType(
            List.of(new FuncType.Param("status-code", PrimitiveType.U8)), Optional.empty()),
        args -> {
          throw new WasiExit(((U8Value) args.get(0)).value());
        });
  }

  /** Defines {@code wasi:cli/stdin@version}: every call hands out a view of the one stdin. */
  void defineStdin(Linker linker, String version, IoHost io) {
    linker.define(
        "wasi:cli/stdin@" + version,
        "get-stdin",
        new FuncType(List.of(), Optional.of(io.inputStream().own())),
        (cx, args) -> Optional.of(io.ownInputStream(cx, new SharedInput(stdin()))));
  }

  /** Defines {@code wasi:cli/stdout@version}. */
  void defineStdout(Linker linker, String version, IoHost io) {
    linker.define(
        "wasi:cli/stdout@" + version,
        "get-stdout",
        new FuncType(List.of(), Optional.of(io.outputStream().own())),
        (cx, args) -> Optional.of(io.ownOutputStream(cx, new SinkOutputStream(config.stdout()))));
  }

  /** Defines {@code wasi:cli/stderr@version}. */
  void defineStderr(Linker linker, String version, IoHost io) {
    linker.define(
        "wasi:cli/stderr@" + version,
        "get-stderr",
        new FuncType(List.of(), Optional.of(io.outputStream().own())),
        (cx, args) -> Optional.of(io.ownOutputStream(cx, new SinkOutputStream(config.stderr()))));
  }

  /**
   * Defines the terminal interfaces at {@code version}: the {@code terminal-input} and {@code
   * terminal-output} resources (never instantiated) and {@code get-terminal-*} returning none.
   */
  void defineTerminals(Linker linker, String version) {
    HostResource input =
        linker.defineResource("wasi:cli/terminal-input@" + version, "terminal-input", rep -> {});
    HostResource output =
        linker.defineResource("wasi:cli/terminal-output@" + version, "terminal-output", rep -> {});
    noTerminal(linker, "wasi:cli/terminal-stdin@" + version, "get-terminal-stdin", input);
    noTerminal(linker, "wasi:cli/terminal-stdout@" + version, "get-terminal-stdout", output);
    noTerminal(linker, "wasi:cli/terminal-stderr@" + version, "get-terminal-stderr", output);
  }

  private static void noTerminal(Linker linker, String iface, String name, HostResource type) {
    linker.define(
        iface,
        name,
        new FuncType(List.of(), Optional.of(new OptionType(type.own()))),
        args -> Optional.of(OptionValue.none()));
  }

  private synchronized PumpedInputStream stdin() {
    if (stdin == null) {
      stdin =
          new PumpedInputStream(
              config.stdin(),
              "standard input",
              PumpedInputStream.StallLimit.NONE,
              PumpedInputStream.Release.KEEP_OPEN);
    }
    return stdin;
  }

  /** One guest handle on the shared stdin: dropping it leaves stdin open for the next one. */
  private record SharedInput(PumpedInputStream in) implements HostInputStream {
    @Override
    public byte[] read(int max) throws StreamException {
      return in.read(max);
    }

    @Override
    public Pollable pollable() {
      return in;
    }
  }
}
