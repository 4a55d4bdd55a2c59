package dev.brio.store;

import dev.brio.api.session.SessionLedger;
import dev.brio.api.state.EventLog;
import dev.brio.api.state.SqlState;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Publishes the {@link SqliteStore} in OSGi: opens it on activation, registers it as {@link
 * SqlState}, its {@link EventLog} and its {@link SessionLedger}, and closes it on deactivation. The
 * services are registered by hand, after the store is open, so nobody sees a service whose database
 * failed to open.
 */
@Component(
    configurationPid = StoreComponent.PID,
    immediate = true,
    service = {})
@Designate(ocd = StoreConfig.class)
public final class StoreComponent {

  static final String PID = "dev.brio.store";
  static final String DATA_DIR_PROPERTY = "brio.data";

  private final SqliteStore store;
  private final ServiceRegistration<SqlState> sqlState;
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
    this.store = SqliteStore.open(settings);
    Dictionary<String, Object> properties = new Hashtable<>();
    properties.put("brio.store.path", settings.path().toAbsolutePath().toString());
    properties.put("brio.store.schema.version", store.schemaVersion());
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
    store.close();
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
