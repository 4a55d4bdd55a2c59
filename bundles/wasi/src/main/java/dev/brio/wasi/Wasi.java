package dev.brio.wasi;

import dev.brio.component.binary.Component;
import dev.brio.component.link.Linker;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.SemVer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Defines the supported WASI interfaces for one component. The {@link Linker} matches import names
 * exactly (version included), so this reads the component's imports and defines each supported
 * interface under the very name it imports: any {@code 0.2.x} for wasi:random and wasi:clocks,
 * {@code 0.1.0-draft} for wasi:logging. An import it does not support is left undefined, so
 * instantiation fails with the linker's "missing import" naming it.
 */
public final class Wasi {
  private final WasiRandom random;
  private final WasiClocks clocks;
  private final WasiLogging logging;

  public Wasi(WasiRandom random, WasiClocks clocks, WasiLogging logging) {
    this.random = Objects.requireNonNull(random, "random");
    this.clocks = Objects.requireNonNull(clocks, "clocks");
    this.logging = Objects.requireNonNull(logging, "logging");
  }

  /** The host's randomness and clocks, logging under {@code componentName}. */
  public static Wasi of(String componentName) {
    return new Wasi(new WasiRandom(), new WasiClocks(), new WasiLogging(componentName));
  }

  /**
   * Defines every supported WASI interface {@code component} imports on {@code linker}.
   *
   * @return the interface names defined, as the component imports them
   */
  public List<String> defineFor(Component component, Linker linker) {
    List<String> defined = new ArrayList<>();
    for (NamedExtern e : component.type().importList()) {
      if (e.name() instanceof ExternName.Interface i
          && i.namespace().equals("wasi")
          && i.version().isPresent()
          && define(linker, i.pkg() + "/" + i.iface(), i.version().get())) {
        defined.add(i.text());
      }
    }
    return List.copyOf(defined);
  }

  private boolean define(Linker linker, String iface, SemVer v) {
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
    switch (iface) {
      case "random/random" -> random.defineRandom(linker, version);
      case "random/insecure" -> random.defineInsecure(linker, version);
      case "random/insecure-seed" -> random.defineInsecureSeed(linker, version);
      case "clocks/wall-clock" -> clocks.defineWallClock(linker, version);
      case "clocks/monotonic-clock" -> clocks.defineMonotonicClock(linker, version);
      default -> {
        return false;
      }
    }
    return true;
  }

  /** A WASI 0.2 release: {@code 0.2.x}, any patch, no pre-release. */
  static boolean is02(SemVer v) {
    return v.major() == 0 && v.minor() == 2 && !v.isPreRelease();
  }
}
