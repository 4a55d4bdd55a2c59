package dev.brio.store;

import dev.brio.api.session.SessionLedger;
import dev.brio.api.state.EventLog;
import dev.brio.api.state.SqlException;
import dev.brio.api.state.SqlState;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes the {@link SqliteStore}s in OSGi: opens them on activation, registers brio.db as the
 * kernel's {@link SqlState}, its {@link EventLog} and its {@link SessionLedger}, registers the
 * components' database file as a second {@link SqlState}, and closes both on deactivation. The two
 * {@code SqlState} services differ by {@link SqlState#SCOPE_PROPERTY}: a component must only ever
 * get the one with {@link SqlState#SCOPE_COMPONENT}, which cannot reach the kernel's tables. The
 * services are registered by hand, after the stores are open, so nobody sees a service whose
 * database failed to open.
 */
@Component(
    configurationPid = StoreComponent.PID,
    immediate = true,
    service = {})
@Designate(ocd = StoreConfig.class)
public final class StoreComponent {

  static final String PID = "dev.brio.store";
  static final String DATA_DIR_PROPERTY = "brio.data";
  static final String COMPONENT_STATE_FILE = "component-state.db";

  private final SqliteStore store;
  private final SqliteStore componentStore;
  private final ServiceRegistration<SqlState> sqlState;
  private final ServiceRegistration<SqlState> componentSqlState;
  private final ServiceRegistration<EventLog> eventLog;
  private final ServiceRegistration<SessionLedger> sessionLedger;

  @Activate
  public StoreComponent(BundleContext context, StoreConfig config) throws StoreOpenException {
    StoreSettings settings =
        new StoreSettings(
            databasePath(config.path(), context.getProperty(DATA_DIR_PROPERTY)),
            config.busyTimeoutMs(),
            config.statementTimeoutMs(),
            config.rowLimit(),
            config.readers());
    StoreSettings componentSettings =
        settings.withPath(componentStatePath(config.componentStatePath(), settings.path()));
    this.store = SqliteStore.open(settings);
    try {
      this.componentStore = SqliteStore.openComponentState(componentSettings);
    } catch (StoreOpenException e) {
      store.close();
      throw e;
    }
    moveTasks(store, componentStore);
    // Default-deny for whoever asks for a SqlState without a filter: the component-scoped one is
    // registered first and ranks higher, so it is what an untargeted reference binds; kernel code
    // that needs brio.db's tables asks for (brio.sql.scope=kernel).
    Dictionary<String, Object> componentProperties =
        properties(componentStore, SqlState.SCOPE_COMPONENT);
    componentProperties.put(Constants.SERVICE_RANKING, 1);
    this.componentSqlState =
        context.registerService(SqlState.class, componentStore, componentProperties);
    Dictionary<String, Object> properties = properties(store, SqlState.SCOPE_KERNEL);
    this.sqlState = context.registerService(SqlState.class, store, properties);
    this.eventLog =
        context.registerService(
            EventLog.class, new SqliteEventLog(store, InstantSource.system()), properties);
    this.sessionLedger =
        context.registerService(SessionLedger.class, SqliteSessionLedger.of(store), properties);
  }

  @Deactivate
  void deactivate() {
    sessionLedger.unregister();
    eventLog.unregister();
    sqlState.unregister();
    componentSqlState.unregister();
    componentStore.close();
    store.close();
  }

  /**
   * Brings an old brio.db's task queue to where the supervisor now reaches it; ids that hold other
   * tasks there are kept in brio.db and recorded as a {@code store.tasks-kept} event.
   */
  private static void moveTasks(SqliteStore store, SqliteStore componentStore)
      throws StoreOpenException {
    try {
      TasksMove.Outcome outcome = TasksMove.run(store, componentStore);
      if (!outcome.clashes().isEmpty()) {
        new SqliteEventLog(store, InstantSource.system())
            .append(
                "store.tasks-kept",
                "dev.brio.store",
                "{\"reason\":\"ids hold other tasks in "
                    + componentStore.settings().path().getFileName()
                    + "\",\"ids\":"
                    + outcome.clashes()
                    + "}");
      }
    } catch (SqlException e) {
      componentStore.close();
      store.close();
      throw new StoreOpenException(
          StoreOpenException.Reason.MIGRATION_FAILED,
          store.settings().path(),
          "cannot record the tasks kept in " + store.settings().path() + ": " + e.getMessage(),
          e);
    } catch (SQLException e) {
      componentStore.close();
      store.close();
      throw new StoreOpenException(
          StoreOpenException.Reason.MIGRATION_FAILED,
          store.settings().path(),
          "moving the supervisor's tasks from "
              + store.settings().path()
              + " to "
              + componentStore.settings().path()
              + " failed; both files keep their rows: "
              + e.getMessage(),
          e);
    }
  }

  private static Dictionary<String, Object> properties(SqliteStore store, String scope) {
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put("brio.store.path", store.settings().path().toAbsolutePath().toString());
    properties.put("brio.store.schema.version", store.schemaVersion());
    properties.put(SqlState.SCOPE_PROPERTY, scope);
    return properties;
  }

  /**
   * The configured path, else {@value #COMPONENT_STATE_FILE} beside the kernel's database. It must
   * be another file than the kernel's: the separation is what keeps components off the kernel's
   * tables.
   */
  static Path componentStatePath(String configured, Path kernelDatabase) {
    Path path =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : kernelDatabase.resolveSibling(COMPONENT_STATE_FILE);
    if (path.toAbsolutePath().normalize().equals(kernelDatabase.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException(
          "componentStatePath "
              + path
              + " is the kernel's own database; components need a file of their own");
    }
    return path;
  }

  /** The configured path, else {@code <brio.data>/brio.db}, else {@code ./data/brio.db}. */
  static Path databasePath(String configured, String dataDir) {
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    String folder = dataDir == null || dataDir.isBlank() ? "data" : dataDir;
    return Path.of(folder, "brio.db");
  }
}
