package dev.brio.launcher;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentFormatException;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.HostFunctionException;
import dev.brio.component.link.LinkException;
import dev.brio.component.link.Linker;
import dev.brio.wasi.Wasi;
import dev.brio.wasi.WasiCommand;
import dev.brio.wasi.WasiConfig;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code brio run}: runs a WASI 0.2 command component (its {@code wasi:cli/run} export) with this
 * process's stdin, stdout and stderr, as {@code wasmtime run} does; the guest's exit code becomes
 * Brio's. The guest gets only what the options grant: the directories of {@code --dir}, the
 * variables of {@code --env}, the HTTP hosts of {@code --allow-http}.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run a WASI command component (wasi:cli/run), like wasmtime run.",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "N:the command's own exit code (0 for ok, 1 for err)",
      "2:the command line does not parse",
      "125:the component could not be read, instantiated, or is not a command",
      "134:the command trapped, a host call failed, or its output could not be written"
    })
final class RunCommand implements Callable<Integer> {
  /** Brio could not run the component at all. */
  static final int CANNOT_RUN = 125;

  /** The guest trapped (the code wasmtime gives a trap, an abort). */
  static final int TRAPPED = 134;

  @Parameters(index = "0", paramLabel = "COMPONENT.wasm", description = "the command component")
  Path component;

  @Parameters(
      index = "1..*",
      paramLabel = "ARGS",
      description = "arguments for the command (after --, they may start with a dash)")
  List<String> args = new ArrayList<>();

  @Option(
      names = "--dir",
      paramLabel = "HOST::GUEST[:ro]",
      description =
          "Grant host directory HOST as GUEST (HOST alone: the same path), read-only with :ro.")
  List<String> dirs = new ArrayList<>();

  @Option(
      names = "--env",
      paramLabel = "NAME=VALUE",
      description = "Set an environment variable (NAME alone: this process's value).")
  List<String> env = new ArrayList<>();

  @Option(
      names = "--allow-http",
      paramLabel = "HOST",
      description = "Allow outgoing HTTP requests to HOST (none are allowed otherwise).")
  List<String> allowHttp = new ArrayList<>();

  @Spec CommandSpec spec;

  // the process's own file descriptors, unbuffered and without PrintStream's swallowing of errors
  // (a closed pipe reaches the guest as a stream error); tests replace them
  InputStream stdin = new FileInputStream(FileDescriptor.in);
  OutputStream stdout = new FileOutputStream(FileDescriptor.out);
  OutputStream stderr = new FileOutputStream(FileDescriptor.err);

  @Override
  public Integer call() {
    WasiConfig config = config();
    PrintWriter err = spec.commandLine().getErr();
    try {
      Component parsed = ComponentParser.parse(Files.readAllBytes(component));
      Linker linker = new Linker();
      new Wasi(config).defineFor(parsed, linker);
      int code = WasiCommand.run(linker.instantiate(parsed));
      return flushed(err, code);
    } catch (ComponentFormatException e) {
      err.println("brio: " + component + " is not a valid component: " + e.getMessage());
    } catch (LinkException e) {
      err.println("brio: cannot instantiate " + component + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      err.println("brio: cannot run " + component + ": " + e.getMessage());
    } catch (IOException e) {
      err.println("brio: cannot read " + component + ": " + e);
    } catch (Trap e) {
      return failed(err, "the command trapped: " + e.getMessage());
    } catch (HostFunctionException e) {
      return failed(err, "a host function failed: " + e.getMessage());
    }
    err.flush();
    return CANNOT_RUN;
  }

  /**
   * The guest's exit code once its output is out; a failure to flush (a closed pipe) is reported as
   * such, not as a component that could not be read.
   */
  private int flushed(PrintWriter err, int code) {
    try {
      stdout.flush();
      return code;
    } catch (IOException e) {
      return failed(err, "the command's output could not be written: " + e.getMessage());
    }
  }

  private static int failed(PrintWriter err, String message) {
    err.println("brio: " + message);
    err.flush();
    return TRAPPED;
  }

  /** What the options grant, as the guest's WASI configuration. */
  WasiConfig config() {
    String name = component.getFileName().toString();
    List<String> argv = new ArrayList<>();
    argv.add(name);
    argv.addAll(args);
    WasiConfig.Builder b =
        WasiConfig.builder(name).args(argv).stdin(stdin).stdout(stdout).stderr(stderr);
    for (String variable : env) {
      int eq = variable.indexOf('=');
      String key = eq < 0 ? variable : variable.substring(0, eq);
      String value = eq < 0 ? System.getenv(variable) : variable.substring(eq + 1);
      if (key.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--env " + variable + ": no name");
      }
      if (value != null) {
        b.env(key, value);
      }
    }
    for (String dir : dirs) {
      b.preopen(DirOption.parse(dir, spec.commandLine()));
    }
    allowHttp.forEach(b::allowHttp);
    return b.build();
  }
}
