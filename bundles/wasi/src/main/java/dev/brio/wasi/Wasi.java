package dev.brio.wasi;

import dev.brio.component.binary.Component;
import dev.brio.component.link.HostResource;
import dev.brio.component.link.Linker;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.ResourceType;
import dev.brio.component.types.SemVer;
import dev.brio.wasi.filesystem.WasiFilesystem;
import dev.brio.wasi.http.WasiHttp;
import dev.brio.wasi.io.IoHost;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Defines the supported WASI interfaces for one component instance, as its {@link WasiConfig} says.
 * The {@link Linker} matches import names exactly (version included), so this reads the component's
 * imports and defines each supported interface under the very name it imports: any {@code 0.2.x}
 * for wasi:io, clocks, random, cli, filesystem, http (types and outgoing-handler) and sockets,
 * {@code 0.1.0-draft} for wasi:logging. wasi:filesystem without preopens and wasi:sockets are
 * defined as denied (see {@link DeniedInterface}). An import it does not support is left undefined,
 * so instantiation fails with the linker's "missing import" naming it.
 *
 * <p>Host resources (streams, pollables, errors) live in the {@link IoHost} created by {@link
 * #defineFor}: use one {@code Wasi} and one {@code Linker} per instance, so that instances do not
 * share stdio or resources. {@link #close} releases them all at once (open files included) when the
 * instance is done with; the guest need not have dropped anything.
 */
public final class Wasi implements AutoCloseable {
  private final WasiConfig config;
  private final WasiCli cli;
  private final WasiLogging logging;
  private WasiFilesystem filesystem;
  private WasiHttp http;

  /** Every wasi:io host a {@link #defineFor} made: what {@link #close} releases. */
  private final List<IoHost> ioHosts = new ArrayList<>();

  private boolean closed;

  public Wasi(WasiConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.cli = new WasiCli(config);
    this.logging = new WasiLogging(config.componentName());
  }

  /** Nothing granted but the host's clocks and randomness, logging under {@code componentName}. */
  public static Wasi of(String componentName) {
    return new Wasi(WasiConfig.builder(componentName).build());
  }

  public WasiConfig config() {
    return config;
  }

  /**
   * Defines every supported WASI interface {@code component} imports on {@code linker}.
   *
   * @return the interface names defined, as the component imports them
   */
  public List<String> defineFor(Component component, Linker linker) {
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException(
            "the WASI host of " + config.componentName() + " is closed: make a new Wasi");
      }
    }
    List<ExternName.Interface> imports = new ArrayList<>();
    Map<String, InstanceType> types = new LinkedHashMap<>();
    for (NamedExtern e : component.type().importList()) {
      if (e.name() instanceof ExternName.Interface i
          && i.namespace().equals("wasi")
          && i.version().isPresent()) {
        imports.add(i);
        if (e.type() instanceof ExternType.Instance(InstanceType it)) {
          types.put(i.text(), it);
        }
      }
    }
    IoHosts io = new IoHosts(linker, imports, this::opened);
    Map<ResourceType, HostResource> denied = new IdentityHashMap<>();
    List<String> defined = new ArrayList<>();
    for (ExternName.Interface i : imports) {
      if (define(linker, i, types.get(i.text()), io, denied)) {
        defined.add(i.text());
      }
    }
    return List.copyOf(defined);
  }

  private boolean define(
      Linker linker,
      ExternName.Interface i,
      InstanceType type,
      IoHosts io,
      Map<ResourceType, HostResource> denied) {
    String iface = i.pkg() + "/" + i.iface();
    SemVer v = i.version().orElseThrow();
    String version = v.toString();
    if (iface.equals("logging/logging")) {
      if (!version.equals(WasiLogging.VERSION)) {
        return false;
      }
      logging.define(linker, version);
      return true;
    }
    if (!is02(v)) {
      return false;
    }
    WasiRandom random = config.random();
    WasiClocks clocks = config.clocks();
    switch (iface) {
      case "io/error", "io/poll", "io/streams" -> io.at(version);
      case "random/random" -> random.defineRandom(linker, version);
      case "random/insecure" -> random.defineInsecure(linker, version);
      case "random/insecure-seed" -> random.defineInsecureSeed(linker, version);
      case "clocks/wall-clock" -> clocks.defineWallClock(linker, version);
      case "clocks/monotonic-clock" -> clocks.defineMonotonicClock(linker, version, io.at(version));
      case "cli/environment" -> cli.defineEnvironment(linker, version);
      case "cli/exit" -> cli.defineExit(linker, version);
      case "cli/stdin" -> cli.defineStdin(linker, version, io.at(version));
      case "cli/stdout" -> cli.defineStdout(linker, version, io.at(version));
      case "cli/stderr" -> cli.defineStderr(linker, version, io.at(version));
      case "cli/terminal-input",
          "cli/terminal-output",
          "cli/terminal-stdin",
          "cli/terminal-stdout",
          "cli/terminal-stderr" -> {
        // all five at once: the terminal-std* functions use the other two's resource types
        if (io.firstTerminals(version)) {
          cli.defineTerminals(linker, version);
        }
      }
      case "filesystem/types" -> filesystem().defineTypes(linker, version, io.at(version));
      case "filesystem/preopens" -> filesystem().definePreopens(linker, version, io.at(version));
      case "http/types" -> {
        // defined as the component imports it (see WasiHttp)
        if (type == null) {
          return false;
        }
        http().defineTypes(linker, version, type, io.at(version));
      }
      case "http/outgoing-handler" -> {
        if (type == null) {
          return false;
        }
        http().defineOutgoingHandler(linker, version, type, io.at(version));
      }
      default -> {
        if (type != null && iface.startsWith("sockets/")) {
          // not granted (yet): every call answers access-denied
          DeniedInterface.define(linker, i.text(), type, denied);
          return true;
        }
        return false;
      }
    }
    return true;
  }

  private synchronized void opened(IoHost io) {
    ioHosts.add(io);
    if (closed) {
      io.close(closedMessage());
    }
  }

  private String closedMessage() {
    return "the WASI host of " + config.componentName() + " was closed";
  }

  /**
   * Releases every host resource the instances of this {@code Wasi} still hold: streams, pollables,
   * directory listings and filesystem descriptors (their host files are closed now, not when the
   * collector notices), and what wasi:http holds. From then on a host call that uses a resource
   * fails with an {@link IllegalStateException} saying the host was closed, which the guest sees as
   * a trap. Idempotent; a bound {@link dev.brio.wasi.filesystem.WorkspaceRoot} stays bound (it
   * belongs to whoever made it).
   */
  @Override
  public void close() {
    List<IoHost> hosts;
    WasiHttp h;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      hosts = List.copyOf(ioHosts);
      h = http;
    }
    for (IoHost io : hosts) {
      io.close(closedMessage());
    }
    closeHttp(h);
  }

  /**
   * Ends what wasi:http holds outside the resource tables (the exchanges still waiting for their
   * responses); the objects behind its handles are released with the tables.
   */
  private static void closeHttp(WasiHttp http) {
    if (http != null) {
      http.close();
    }
  }

  /** The filesystem host over the configured preopens, made when a component first imports it. */
  private synchronized WasiFilesystem filesystem() {
    if (filesystem == null) {
      filesystem = new WasiFilesystem(config.preopens(), config.workspace());
    }
    return filesystem;
  }

  /** The wasi:http host over the granted hosts, made when a component first imports it. */
  private synchronized WasiHttp http() {
    if (http == null) {
      http = new WasiHttp(config.httpHosts());
    }
    return http;
  }

  /** A WASI 0.2 release: {@code 0.2.x}, any patch, no pre-release. */
  static boolean is02(SemVer v) {
    return v.major() == 0 && v.minor() == 2 && !v.isPreRelease();
  }

  /**
   * The wasi:io hosts of one {@link #defineFor}, one per version. An interface at version V uses
   * the wasi:io the component imports at V; if it imports wasi:io at one other version only, that
   * one (a tool may merge imports to different patch versions).
   */
  private static final class IoHosts {
    private final Linker linker;
    private final List<String> imported = new ArrayList<>();
    private final Map<String, IoHost> hosts = new LinkedHashMap<>();
    private final Set<String> terminals = new HashSet<>();
    private final Consumer<IoHost> made;

    IoHosts(Linker linker, List<ExternName.Interface> imports, Consumer<IoHost> made) {
      this.linker = linker;
      this.made = made;
      for (ExternName.Interface i : imports) {
        String v = i.version().orElseThrow().toString();
        if (i.pkg().equals("io") && is02(i.version().get()) && !imported.contains(v)) {
          imported.add(v);
        }
      }
    }

    /** True the first time it is asked for {@code version}. */
    boolean firstTerminals(String version) {
      return terminals.add(version);
    }

    IoHost at(String version) {
      String v = imported.contains(version) || imported.size() != 1 ? version : imported.getFirst();
      return hosts.computeIfAbsent(
          v,
          k -> {
            IoHost io = IoHost.define(linker, k);
            made.accept(io);
            return io;
          });
    }
  }
}
