package dev.brio.kernel;

import java.util.List;

/**
 * The kernel's state at one moment: every bundle, every DS component, the problems that keep it
 * from being ready (empty when ready), the Wasm components the extender deployed or refused (a
 * refused component is the operator's to fix; the kernel is ready without it), and the newest
 * kernel events when the store is up.
 */
record HealthReport(
    String at,
    boolean ready,
    List<BundleHealth> bundles,
    List<ComponentHealth> components,
    List<String> problems,
    List<WasmLine> wasmComponents,
    List<EventLine> events) {

  HealthReport {
    bundles = List.copyOf(bundles);
    components = List.copyOf(components);
    problems = List.copyOf(problems);
    wasmComponents = List.copyOf(wasmComponents);
    events = List.copyOf(events);
  }
}
