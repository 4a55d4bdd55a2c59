package dev.brio.kernel;

import java.util.List;

/** Renders a {@link HealthReport} as the table `brio status` prints. */
final class StatusText {
  private StatusText() {}

  static String render(HealthReport report) {
    var out = new StringBuilder();
    long activeBundles = report.bundles().stream().filter(BundleHealth::healthy).count();
    long activeComponents = report.components().stream().filter(ComponentHealth::healthy).count();
    out.append("Brio kernel: ")
        .append(report.ready() ? "ready" : "NOT READY")
        .append(
            " (%d/%d bundles up, %d/%d components satisfied)%n"
                .formatted(
                    activeBundles,
                    report.bundles().size(),
                    activeComponents,
                    report.components().size()));

    out.append("\nBundles\n");
    out.append(row("ID", "STATE", "NAME", "VERSION"));
    for (BundleHealth b : report.bundles()) {
      out.append(row(Long.toString(b.id()), b.state(), b.symbolicName(), b.version()));
    }

    out.append("\nComponents\n");
    out.append(row("", "STATE", "NAME", "BUNDLE"));
    for (ComponentHealth c : report.components()) {
      out.append(row("", c.state(), c.name(), c.bundle()));
    }

    if (!report.wasmComponents().isEmpty()) {
      out.append("\nWasm components\n");
      out.append(row("", "STATE", "NAME", "ROLE / TARGET"));
      for (WasmLine c : report.wasmComponents()) {
        // a component refused before it ever deployed has no role known yet
        String role = c.role().isEmpty() ? "-" : c.role();
        out.append(row("", c.state(), c.name(), role + " / " + c.target()));
      }
    }

    appendList(out, "Problems", report.problems());
    appendList(
        out,
        "Refused components",
        report.wasmComponents().stream()
            .filter(c -> !c.problem().isEmpty())
            .map(c -> "%s (since %s): %s".formatted(c.name(), c.since(), c.problem()))
            .toList());
    appendList(
        out,
        "Recent events",
        report.events().stream()
            .map(e -> "%s  %-16s %-18s %s".formatted(e.at(), e.kind(), e.source(), e.detail()))
            .toList());
    return out.toString();
  }

  private static void appendList(StringBuilder out, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    out.append('\n').append(title).append('\n');
    for (String line : lines) {
      out.append("  ").append(line).append('\n');
    }
  }

  private static String row(String id, String state, String name, String last) {
    return "  %4s  %-11s %-48s %s%n".formatted(id, state, name, last);
  }
}
