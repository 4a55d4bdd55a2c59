package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.LinkException;
import dev.brio.component.link.Linker;
import dev.brio.extender.roles.Role;
import dev.brio.extender.roles.RoleCheck;
import dev.brio.store.SqliteStore;
import dev.brio.store.StoreSettings;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who gets brio:core/sql-state: a supervisor whose import has the contract's types, no one else.
 */
class SqlStateLinkTest {
  @TempDir Path dir;

  private static Component parse(String fixture) throws Exception {
    return ComponentParser.parse(Fixtures.bytes(fixture));
  }

  @Test
  void anImportWithAnotherTypeIsRefusedAtLinkNamingTheFunction() throws Exception {
    Component mistyped = parse("supervisor-sql-mistyped");
    try (SqliteStore store =
        SqliteStore.openComponentState(StoreSettings.defaults(dir.resolve("component-state.db")))) {
      Linker linker = new Linker(TestMesh.COMPILED);
      SqlStateImport.defineFor(mistyped, linker, store);
      var e = assertThrows(LinkException.class, () -> linker.instantiate(mistyped));
      // the linker spells types out structurally
      String value = "variant { null, integer(s64), real(f64), text(string), blob(list<u8>) }";
      String rows =
          "record { columns: list<string>, rows: list<record { values: list<" + value + "> }> }";
      String params = "func(sql: string, params: list<" + value + ">)";
      assertEquals(
          "import brio:core/sql-state@0.1.0#execute has type "
              + params
              + " -> result<u64, string> but the host defines "
              + params
              + " -> result<record { changes: u64, last-insert-rowid: s64, returned: "
              + rows
              + " }, record { kind: enum { syntax, bad-parameters, read-only, constraint, timeout,"
              + " row-limit, busy, other }, message: string, sqlite-code: s32 }>",
          e.getMessage());
    }
  }

  @Test
  void aSupervisorLinkedWithoutTheStateIsMissingItsImport() throws Exception {
    Component supervisor = parse("supervisor-sql");
    var e =
        assertThrows(
            LinkException.class, () -> new Linker(TestMesh.COMPILED).instantiate(supervisor));
    assertEquals(
        true,
        e.getMessage().startsWith("missing import brio:core/sql-state@0.1.0#query: "),
        e.getMessage());
  }

  @Test
  void aComponentThatDoesNotImportSqlStateGetsNothing() throws Exception {
    Component tool = parse("mesh-tool");
    try (SqliteStore store =
        SqliteStore.openComponentState(StoreSettings.defaults(dir.resolve("component-state.db")))) {
      Linker linker = new Linker(TestMesh.COMPILED);
      SqlStateImport.defineFor(tool, linker, store);
      // only the mesh is missing: nothing was defined for an import the tool does not have
      var e = assertThrows(LinkException.class, () -> linker.instantiate(tool));
      assertEquals(
          true,
          e.getMessage().startsWith("missing import brio:core/service-mesh@0.1.0#call: "),
          e.getMessage());
    }
  }

  @Test
  void onlyTheSupervisorRoleMayLoadTheSupervisor() throws Exception {
    var type = parse("supervisor-sql").type();
    assertEquals(List.of(), RoleCheck.violations("boss.wasm", Role.SUPERVISOR, type));
    assertEquals(
        List.of(
            "boss.wasm (role tool) imports brio:core/sql-state@0.1.0, which the tool world does not"
                + " include"),
        RoleCheck.violations("boss.wasm", Role.TOOL, type));
    assertEquals(
        List.of(
            "boss.wasm (role agent) imports brio:core/sql-state@0.1.0, which the agent world does"
                + " not include"),
        RoleCheck.violations("boss.wasm", Role.AGENT, type));
  }

  @Test
  void aToolImportingSqlStateIsRefusedByTheDeployerNamingTheImportAndTheRole() {
    try (var mesh = new TestMesh()) {
      var e =
          assertThrows(
              DeployException.class,
              () ->
                  mesh.deployer.deploy(
                      "boss", Fixtures.bytes("supervisor-sql"), TestMesh.tool("boss", 1)));
      assertEquals(DeployException.Reason.ROLE, e.reason());
      assertEquals(
          "boss.wasm (role tool) imports brio:core/sql-state@0.1.0, which the tool world does not"
              + " include",
          e.getMessage());
      assertEquals(List.of(), mesh.switchboard.targets());
    }
  }
}
