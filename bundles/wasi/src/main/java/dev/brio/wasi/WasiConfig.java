package dev.brio.wasi;

import dev.brio.wasi.filesystem.Preopen;
import dev.brio.wasi.filesystem.WorkspaceRoot;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one component instance sees through WASI: its arguments, environment, initial working
 * directory, stdio, clocks, randomness, preopened directories, and its name (for logging). Nothing
 * is inherited from the host unless asked for: no environment, empty stdin, output discarded, no
 * directories.
 *
 * @param componentName the name logs and errors use
 * @param args {@code get-arguments}, the program name first
 * @param env {@code get-environment}, in order
 * @param initialCwd {@code initial-cwd}
 * @param stdin where {@code get-stdin} reads from
 * @param stdout where {@code get-stdout} writes to
 * @param stderr where {@code get-stderr} writes to
 * @param clocks wall and monotonic clocks
 * @param random the random sources
 * @param preopens the host directories the guest sees (wasi:filesystem)
 * @param workspace a directory the guest sees whose host directory is bound at run time
 * @param httpHosts the hosts outgoing HTTP requests may go to (wasi:http); none by default
 */
public record WasiConfig(
    String componentName,
    List<String> args,
    Map<String, String> env,
    Optional<String> initialCwd,
    InputStream stdin,
    OutputStream stdout,
    OutputStream stderr,
    WasiClocks clocks,
    WasiRandom random,
    List<Preopen> preopens,
    Optional<WorkspaceRoot> workspace,
    List<String> httpHosts) {
  public WasiConfig {
    Objects.requireNonNull(componentName, "componentName");
    args = List.copyOf(args);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    Objects.requireNonNull(initialCwd, "initialCwd");
    Objects.requireNonNull(stdin, "stdin");
    Objects.requireNonNull(stdout, "stdout");
    Objects.requireNonNull(stderr, "stderr");
    Objects.requireNonNull(clocks, "clocks");
    Objects.requireNonNull(random, "random");
    preopens = List.copyOf(preopens);
    Objects.requireNonNull(workspace, "workspace");
    for (Preopen p : preopens) {
      if (workspace.isPresent() && workspace.get().guestPath().equals(p.guestPath())) {
        throw new IllegalArgumentException(
            "the workspace and the preopen of "
                + p.hostDir()
                + " share guest path "
                + p.guestPath());
      }
    }
    httpHosts = List.copyOf(httpHosts);
  }

  /** A configuration for {@code componentName} with nothing granted; the arguments are its name. */
  public static Builder builder(String componentName) {
    return new Builder(componentName);
  }

  /** Builds a {@link WasiConfig}; every setter replaces what was set before. */
  public static final class Builder {
    private final String componentName;
    private List<String> args;
    private final Map<String, String> env = new LinkedHashMap<>();
    private Optional<String> initialCwd = Optional.empty();
    private InputStream stdin = InputStream.nullInputStream();
    private OutputStream stdout = OutputStream.nullOutputStream();
    private OutputStream stderr = OutputStream.nullOutputStream();
    private WasiClocks clocks;
    private WasiRandom random;
    private final List<Preopen> preopens = new ArrayList<>();
    private Optional<WorkspaceRoot> workspace = Optional.empty();
    private final List<String> httpHosts = new ArrayList<>();

    private Builder(String componentName) {
      this.componentName = Objects.requireNonNull(componentName, "componentName");
      this.args = List.of(componentName);
    }

    /** The arguments, the program name first. */
    public Builder args(List<String> args) {
      this.args = List.copyOf(args);
      return this;
    }

    /** Adds (or replaces) one environment variable. */
    public Builder env(String name, String value) {
      if (name.isEmpty() || name.indexOf('=') >= 0) {
        throw new IllegalArgumentException("environment variable name " + name + " is not valid");
      }
      env.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds (or replaces) environment variables. */
    public Builder env(Map<String, String> variables) {
      variables.forEach(this::env);
      return this;
    }

    public Builder initialCwd(String cwd) {
      this.initialCwd = Optional.of(cwd);
      return this;
    }

    public Builder stdin(InputStream in) {
      this.stdin = Objects.requireNonNull(in, "stdin");
      return this;
    }

    public Builder stdout(OutputStream out) {
      this.stdout = Objects.requireNonNull(out, "stdout");
      return this;
    }

    public Builder stderr(OutputStream err) {
      this.stderr = Objects.requireNonNull(err, "stderr");
      return this;
    }

    /** Binds stdin, stdout and stderr to this process's. */
    public Builder inheritStdio() {
      return stdin(System.in).stdout(System.out).stderr(System.err);
    }

    public Builder clocks(WasiClocks clocks) {
      this.clocks = Objects.requireNonNull(clocks, "clocks");
      return this;
    }

    public Builder random(WasiRandom random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /** Grants the guest one host directory. */
    public Builder preopen(Preopen preopen) {
      preopens.add(Objects.requireNonNull(preopen, "preopen"));
      return this;
    }

    /**
     * Grants the guest the directory {@code root} is bound to, at its guest path, alongside the
     * preopens; at most one.
     *
     * @throws IllegalStateException if a workspace was already given
     */
    public Builder workspace(WorkspaceRoot root) {
      Objects.requireNonNull(root, "root");
      if (workspace.isPresent()) {
        throw new IllegalStateException(
            "a second workspace ("
                + root.guestPath()
                + "); already "
                + workspace.get().guestPath());
      }
      workspace = Optional.of(root);
      return this;
    }

    /** Allows outgoing HTTP requests to {@code host} (a host name, without port). */
    public Builder allowHttp(String host) {
      if (host.isBlank()) {
        throw new IllegalArgumentException("an empty HTTP host");
      }
      httpHosts.add(host);
      return this;
    }

    public WasiConfig build() {
      return new WasiConfig(
          componentName,
          args,
          env,
          initialCwd,
          stdin,
          stdout,
          stderr,
          clocks != null ? clocks : new WasiClocks(),
          random != null ? random : new WasiRandom(),
          preopens,
          workspace,
          httpHosts);
    }
  }
}
