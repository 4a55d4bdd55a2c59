package dev.brio.extender.roles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.component.types.ComponentType;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.NamedExtern;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleCheckTest {
  private static final String HANDLER = "brio:core/handler@0.1.0";

  /** A component type importing and exporting these instances (by their full names). */
  private static ComponentType type(List<String> imports, List<String> exports) {
    return ComponentType.of(externs(imports), externs(exports));
  }

  private static List<NamedExtern> externs(List<String> names) {
    return names.stream()
        .map(
            n ->
                new NamedExtern(
                    ExternName.parse(n), new ExternType.Instance(InstanceType.of(List.of()))))
        .toList();
  }

  private static List<String> imports(String... names) {
    return Arrays.asList(names);
  }

  @Test
  void aToolWithTheToolWorldsImportsAndWasiPasses() {
    var tool =
        type(
            imports(
                "brio:core/types@0.1.0",
                "brio:core/service-mesh@0.1.3",
                "wasi:logging/logging@0.1.0-draft",
                "wasi:io/streams@0.2.12",
                "wasi:cli/stdout@0.2.0",
                "wasi:filesystem/preopens@0.2.3"),
            List.of(HANDLER));
    assertEquals(List.of(), RoleCheck.violations("search", Role.TOOL, tool));
  }

  @Test
  void onlyTheSupervisorMayImportSqlState() {
    var withSql = type(imports("brio:core/sql-state@0.1.0"), List.of(HANDLER));
    assertEquals(
        List.of(
            "planner (role tool) imports brio:core/sql-state@0.1.0, which the tool world does not include"),
        RoleCheck.violations("planner", Role.TOOL, withSql));
    assertEquals(
        List.of(
            "planner (role agent) imports brio:core/sql-state@0.1.0, which the agent world does not include"),
        RoleCheck.violations("planner", Role.AGENT, withSql));
    assertEquals(List.of(), RoleCheck.violations("planner", Role.SUPERVISOR, withSql));
  }

  @Test
  void onlyAgentsMayImportSessionFs() {
    var withSessions = type(imports("brio:core/session-fs@0.1.0"), List.of(HANDLER));
    assertEquals(List.of(), RoleCheck.violations("coder", Role.AGENT, withSessions));
    assertEquals(1, RoleCheck.violations("coder", Role.TOOL, withSessions).size());
    assertEquals(1, RoleCheck.violations("coder", Role.SUPERVISOR, withSessions).size());
  }

  @Test
  void incompatibleVersionsForeignPackagesAndPlainNamesAreRefused() {
    var odd =
        type(
            imports(
                "brio:core/service-mesh@0.2.0",
                "wasi:io/streams@0.3.0",
                "wasi:nn/inference@0.2.0",
                "acme:evil/backdoor@1.0.0",
                "wasi:logging/logging@0.2.0",
                "plain-import"),
            List.of(HANDLER));
    var problems = RoleCheck.violations("odd", Role.TOOL, odd);
    assertEquals(6, problems.size(), problems.toString());
    assertEquals(
        "odd (role tool) imports plain-import, which the tool world does not include",
        problems.getLast());
  }

  @Test
  void toolsAgentsAndTheSupervisorMustExportTheHandler() {
    var silent = type(imports("brio:core/service-mesh@0.1.0"), List.of());
    for (Role role : Role.values()) {
      assertEquals(
          List.of("mute (role " + role.worldName() + ") must export brio:core/handler@0.1.0"),
          RoleCheck.violations("mute", role, silent));
    }
  }
}
