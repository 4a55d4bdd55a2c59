package dev.brio.extender;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.api.mesh.Payload;
import dev.brio.api.state.Outcome;
import dev.brio.api.state.Row;
import dev.brio.api.state.Rows;
import dev.brio.api.state.SqlValue;
import dev.brio.extender.DeployException.Reason;
import dev.brio.extender.SqlStateImportTest.Answer;
import dev.brio.extender.SqlStateImportTest.Dump;
import dev.brio.extender.SqlStateImportTest.Failed;
import dev.brio.extender.SqlStateImportTest.Read;
import dev.brio.extender.SqlStateImportTest.Wrote;
import dev.brio.extender.roles.Role;
import dev.brio.mesh.Switchboard;
import dev.brio.store.SqliteStore;
import dev.brio.store.StoreSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The supervisor-sql fixture deployed in the supervisor role, the way the extender loads it, and
 * called through the mesh: brio:core/sql-state reaches the components' store, whichever instance of
 * the service is there at each statement, and answers an error while there is none.
 */
class SqlStateSupervisorTest {
  @TempDir Path dir;

  private static ComponentManifest supervisor(String target) {
    return new ComponentManifest(Role.SUPERVISOR, target, Set.of(), 1, Duration.ofSeconds(30), 64);
  }

  private static Answer call(Switchboard mesh, String method, String sql) throws Exception {
    Payload answer =
        mesh.call(
            TestMesh.OPERATOR,
            "boss",
            method,
            Payload.binary(sql.getBytes(StandardCharsets.UTF_8)));
    return Dump.decode(method.startsWith("q"), ((Payload.Binary) answer).bytes());
  }

  @Test
  void aDeployedSupervisorRunsSqlOnTheKernelsStore() throws Exception {
    try (SqliteStore store =
            SqliteStore.openComponentState(
                StoreSettings.defaults(dir.resolve("component-state.db")));
        Switchboard mesh = new Switchboard();
        Deployer deployer =
            new Deployer(TestMesh.COMPILED, mesh, mesh, new KernelServices(null, store))) {
      deployer.deploy("boss", Fixtures.bytes("supervisor-sql"), supervisor("boss"));

      assertEquals(
          new Wrote(new Outcome(0, 0, Rows.EMPTY)),
          call(mesh, "execute", "CREATE TABLE chores (title TEXT, n INTEGER)"));
      assertEquals(
          new Wrote(new Outcome(1, 1, Rows.EMPTY)),
          call(mesh, "execute", "INSERT INTO chores VALUES ('write tests', 3)"));
      assertEquals(
          new Read(
              new Rows(
                  List.of("title", "n"),
                  List.of(new Row(List.of(SqlValue.of("write tests"), SqlValue.of(3L)))))),
          call(mesh, "query", "SELECT title, n FROM chores"));
      // the store's own view of the components' database has what the supervisor wrote
      assertEquals(
          List.of(new Row(List.of(SqlValue.of("write tests")))),
          store.query("SELECT title FROM chores", List.of()).rows());
      var refused = (Failed) call(mesh, "execute", "DROP TABLE nowhere");
      assertEquals("syntax", refused.kind());
      assertTrue(refused.message().contains("no such table: nowhere"), refused.message());
    }
  }

  @Test
  void aSupervisorReachesTheStoreThatIsThereAtEachStatement() throws Exception {
    KernelServices services = new KernelServices();
    try (Switchboard mesh = new Switchboard();
        Deployer deployer = new Deployer(TestMesh.COMPILED, mesh, mesh, services)) {
      // deployed before the store is up, as at a kernel start where the extender is quicker
      deployer.deploy("boss", Fixtures.bytes("supervisor-sql"), supervisor("boss"));
      var refused = (Failed) call(mesh, "query", "SELECT 1");
      assertEquals("other", refused.kind());
      assertEquals("the SQL state service is not running", refused.message());

      try (SqliteStore first =
          SqliteStore.openComponentState(
              StoreSettings.defaults(dir.resolve("component-state.db")))) {
        services.setSqlState(first);
        call(mesh, "execute", "CREATE TABLE chores (title TEXT)");
        call(mesh, "execute", "INSERT INTO chores VALUES ('one')");
        services.unsetSqlState(first);
      }
      // the store restarts: a new service on the same file, the old one closed
      try (SqliteStore second =
          SqliteStore.openComponentState(
              StoreSettings.defaults(dir.resolve("component-state.db")))) {
        services.setSqlState(second);
        assertEquals(
            new Read(new Rows(List.of("title"), List.of(new Row(List.of(SqlValue.of("one")))))),
            call(mesh, "query", "SELECT title FROM chores"));
      }
    }
  }

  @Test
  void aSupervisorWithAMistypedImportIsRefusedNamingTheFunction() throws Exception {
    try (SqliteStore store =
            SqliteStore.openComponentState(
                StoreSettings.defaults(dir.resolve("component-state.db")));
        Switchboard mesh = new Switchboard();
        Deployer deployer =
            new Deployer(TestMesh.COMPILED, mesh, mesh, new KernelServices(null, store))) {
      var e =
          assertThrows(
              DeployException.class,
              () ->
                  deployer.deploy(
                      "boss", Fixtures.bytes("supervisor-sql-mistyped"), supervisor("boss")));
      assertEquals(Reason.LINK, e.reason());
      assertTrue(
          e.getMessage()
              .startsWith(
                  "boss.wasm cannot be instantiated: import brio:core/sql-state@0.1.0#execute has"
                      + " type "),
          e.getMessage());
      assertEquals(List.of(), mesh.targets());
    }
  }
}
