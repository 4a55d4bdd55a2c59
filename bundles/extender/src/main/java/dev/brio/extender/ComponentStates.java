package dev.brio.extender;

import dev.brio.api.deploy.WasmComponentState;
import dev.brio.api.deploy.WasmComponents;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the extender last did with each component, kept for the kernel's status: a refused component
 * stays listed with its reason until its files change or go, so an operator sees it in {@code brio
 * status} and not only among the recent events.
 */
final class ComponentStates implements DeployListener, WasmComponents {
  private final ConcurrentHashMap<String, WasmComponentState> states = new ConcurrentHashMap<>();
  private final Clock clock;

  ComponentStates(Clock clock) {
    this.clock = clock;
  }

  @Override
  public List<WasmComponentState> components() {
    return states.values().stream().sorted(Comparator.comparing(WasmComponentState::name)).toList();
  }

  @Override
  public void deployed(String name, ComponentManifest manifest, String file) {
    states.put(
        name,
        new WasmComponentState(
            name, manifest.target(), manifest.role().worldName(), true, "", clock.instant()));
  }

  @Override
  public void removed(String name, String target) {
    states.computeIfPresent(
        name,
        (n, s) -> new WasmComponentState(n, s.target(), s.role(), false, "", clock.instant()));
  }

  @Override
  public void refused(String name, String file, DeployException problem) {
    states.compute(
        name,
        (n, s) ->
            new WasmComponentState(
                n,
                s == null ? n : s.target(),
                s == null ? "" : s.role(),
                false,
                problem.getMessage(),
                clock.instant()));
  }

  @Override
  public void forgotten(String name) {
    states.remove(name);
  }
}
