package dev.brio.kernel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.service.component.runtime.dto.UnsatisfiedReferenceDTO;

/** Reads the framework and the DS runtime into a {@link HealthReport}. */
final class KernelHealth {
  private final BundleContext context;
  private final ServiceComponentRuntime scr;

  KernelHealth(BundleContext context, ServiceComponentRuntime scr) {
    this.context = context;
    this.scr = scr;
  }

  HealthReport inspect(List<WasmLine> wasmComponents, List<EventLine> events) {
    List<BundleHealth> bundles = Arrays.stream(context.getBundles()).map(KernelHealth::of).toList();
    List<ComponentHealth> components = new ArrayList<>();
    for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
      components.addAll(componentsOf(description));
    }
    List<String> problems = new ArrayList<>();
    for (BundleHealth bundle : bundles) {
      if (!bundle.healthy()) {
        problems.add(
            "bundle %s [%d] is %s, not %s"
                .formatted(
                    bundle.symbolicName(),
                    bundle.id(),
                    bundle.state(),
                    bundle.fragment() ? "RESOLVED" : "ACTIVE"));
      }
    }
    for (ComponentHealth component : components) {
      if (!component.healthy()) {
        problems.add(
            "component %s (%s) is %s: %s"
                .formatted(
                    component.name(), component.bundle(), component.state(), component.problem()));
      }
    }
    return new HealthReport(
        Instant.now().toString(),
        problems.isEmpty(),
        bundles,
        components,
        problems,
        wasmComponents,
        events);
  }

  private static BundleHealth of(Bundle bundle) {
    boolean fragment = bundle.getHeaders("").get(Constants.FRAGMENT_HOST) != null;
    String name =
        bundle.getSymbolicName() == null ? bundle.getLocation() : bundle.getSymbolicName();
    return new BundleHealth(
        bundle.getBundleId(),
        name,
        bundle.getVersion().toString(),
        stateName(bundle.getState()),
        fragment);
  }

  private List<ComponentHealth> componentsOf(ComponentDescriptionDTO description) {
    String bundle = description.bundle.symbolicName;
    if (!scr.isComponentEnabled(description)) {
      return List.of(new ComponentHealth(description.name, bundle, "DISABLED", ""));
    }
    var configurations = scr.getComponentConfigurationDTOs(description);
    if (configurations.isEmpty()) {
      String waiting =
          description.configurationPolicy.equals("require")
              ? "waits for configuration " + String.join(", ", description.configurationPid)
              : "has no configuration yet";
      return List.of(new ComponentHealth(description.name, bundle, "UNSATISFIED", waiting));
    }
    return configurations.stream().map(c -> of(description, c)).toList();
  }

  private static ComponentHealth of(
      ComponentDescriptionDTO description, ComponentConfigurationDTO configuration) {
    String bundle = description.bundle.symbolicName;
    return switch (configuration.state) {
      case ComponentConfigurationDTO.ACTIVE ->
          new ComponentHealth(description.name, bundle, "ACTIVE", "");
      case ComponentConfigurationDTO.SATISFIED ->
          new ComponentHealth(description.name, bundle, "SATISFIED", "");
      case ComponentConfigurationDTO.UNSATISFIED_REFERENCE ->
          new ComponentHealth(
              description.name,
              bundle,
              "UNSATISFIED",
              "missing " + describe(description, configuration.unsatisfiedReferences));
      case ComponentConfigurationDTO.UNSATISFIED_CONFIGURATION ->
          new ComponentHealth(
              description.name,
              bundle,
              "UNSATISFIED",
              "waits for configuration " + String.join(", ", description.configurationPid));
      case ComponentConfigurationDTO.FAILED_ACTIVATION ->
          new ComponentHealth(description.name, bundle, "FAILED", rootCause(configuration.failure));
      default ->
          new ComponentHealth(description.name, bundle, "UNKNOWN", "state " + configuration.state);
    };
  }

  /** Names each missing reference by its service interface, the part a reader can act on. */
  private static String describe(
      ComponentDescriptionDTO description, UnsatisfiedReferenceDTO[] references) {
    return Arrays.stream(references)
        .map(
            missing ->
                Arrays.stream(description.references)
                        .filter(r -> r.name.equals(missing.name))
                        .map(r -> r.interfaceName)
                        .findFirst()
                        .orElse(missing.name)
                    + (missing.target == null ? "" : " " + missing.target))
        .collect(Collectors.joining(", "));
  }

  /** Exceptions that only wrap the one that says what went wrong. */
  private static final List<String> WRAPPERS =
      List.of(
          "java.lang.reflect.InvocationTargetException",
          "java.lang.reflect.UndeclaredThrowableException",
          "org.osgi.service.component.ComponentException");

  /**
   * The line of a failure's stack trace that says what went wrong: the outermost exception, or
   * "Caused by", that is not a reflection or DS wrapper. Deeper causes are usually a library's
   * detail of it (SQLite's code beside Brio's message naming the file).
   */
  static String rootCause(String stackTrace) {
    if (stackTrace == null || stackTrace.isBlank()) {
      return "activation failed";
    }
    List<String> headers =
        stackTrace
            .lines()
            .filter(line -> !line.startsWith("\t") && !line.startsWith(" "))
            .map(line -> line.startsWith("Caused by: ") ? line.substring(11) : line)
            .map(String::strip)
            .toList();
    return headers.stream()
        .filter(line -> WRAPPERS.stream().noneMatch(line::startsWith))
        .findFirst()
        .orElse(headers.getFirst());
  }

  static String stateName(int state) {
    return switch (state) {
      case Bundle.UNINSTALLED -> "UNINSTALLED";
      case Bundle.INSTALLED -> "INSTALLED";
      case Bundle.RESOLVED -> "RESOLVED";
      case Bundle.STARTING -> "STARTING";
      case Bundle.STOPPING -> "STOPPING";
      case Bundle.ACTIVE -> "ACTIVE";
      default -> "STATE_" + state;
    };
  }
}
