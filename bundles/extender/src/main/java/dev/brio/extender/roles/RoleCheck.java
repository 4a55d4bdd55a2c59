package dev.brio.extender.roles;

import dev.brio.component.types.ComponentType;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.SemVer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a component's imports and exports against its role's world before it is instantiated.
 * Returns every violation, each naming the import or export, the component and the role, so a
 * refused component is refused for all its reasons at once.
 */
public final class RoleCheck {
  private static final SemVer BRIO_VERSION = SemVer.parse("0.1.0");
  private static final SemVer LOGGING_VERSION = SemVer.parse("0.1.0-draft");
  private static final SemVer WASI_VERSION = SemVer.parse("0.2.0");

  private RoleCheck() {}

  /** The violations of {@code role}'s world by {@code component}'s type; empty if none. */
  public static List<String> violations(String component, Role role, ComponentType type) {
    RoleWorld world = RoleWorld.of(role);
    List<String> problems = new ArrayList<>();
    for (NamedExtern imported : type.importList()) {
      if (!allowedImport(world, imported.name())) {
        problems.add(
            "%s (role %s) imports %s, which the %s world does not include"
                .formatted(component, role.worldName(), imported.name().text(), role.worldName()));
      }
    }
    for (String required : world.brioExports()) {
      boolean exported = type.exportList().stream().anyMatch(e -> isBrio(e.name(), required));
      if (!exported) {
        problems.add(
            "%s (role %s) must export %s/%s@%s"
                .formatted(component, role.worldName(), RoleWorld.BRIO, required, BRIO_VERSION));
      }
    }
    return problems;
  }

  private static boolean allowedImport(RoleWorld world, ExternName name) {
    if (!(name instanceof ExternName.Interface iface)) {
      return false; // plain names are not part of any role's world
    }
    String pkg = iface.namespace() + ":" + iface.pkg();
    Optional<SemVer> version = iface.version();
    if (pkg.equals(RoleWorld.BRIO)) {
      return world.brioImports().contains(iface.iface()) && compatible(version, BRIO_VERSION);
    }
    if ((pkg + "/" + iface.iface()).equals(RoleWorld.LOGGING)) {
      return version.equals(Optional.of(LOGGING_VERSION));
    }
    return iface.namespace().equals("wasi")
        && RoleWorld.WASI_PACKAGES.contains(iface.pkg())
        && compatible(version, WASI_VERSION);
  }

  /** Whether {@code name} is {@code brio:core/IFACE} at a version compatible with the kernel's. */
  public static boolean isBrio(ExternName name, String iface) {
    return name instanceof ExternName.Interface i
        && i.namespace().equals("brio")
        && i.pkg().equals("core")
        && i.iface().equals(iface)
        && compatible(i.version(), BRIO_VERSION);
  }

  /** Semver-compatible with {@code expected}: same major, and for 0.x the same minor. */
  private static boolean compatible(Optional<SemVer> version, SemVer expected) {
    return version.isPresent() && version.get().canonVersion().equals(expected.canonVersion());
  }
}
