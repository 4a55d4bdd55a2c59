package dev.brio.extender.roles;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a role's world (in {@code wit/worlds.wit}) lets a component import and requires it to
 * export: {@code brio:core} interfaces by name, {@code wasi:logging/logging@0.1.0-draft}, and the
 * WASI 0.2 packages the kernel hosts for every role (reach decided by capabilities, not here).
 */
record RoleWorld(Role role, Set<String> brioImports, Set<String> brioExports) {
  static final String BRIO = "brio:core";
  static final String LOGGING = "wasi:logging/logging";
  static final List<String> WASI_PACKAGES =
      List.of("io", "clocks", "random", "cli", "filesystem", "sockets", "http");

  private static final Map<Role, RoleWorld> WORLDS =
      Map.of(
          Role.TOOL,
          new RoleWorld(Role.TOOL, Set.of("types", "service-mesh"), Set.of("handler")),
          Role.AGENT,
          new RoleWorld(
              Role.AGENT, Set.of("types", "service-mesh", "session-fs"), Set.of("handler")),
          Role.SUPERVISOR,
          new RoleWorld(
              Role.SUPERVISOR, Set.of("types", "service-mesh", "sql-state"), Set.of("handler")));

  static RoleWorld of(Role role) {
    return WORLDS.get(role);
  }
}
