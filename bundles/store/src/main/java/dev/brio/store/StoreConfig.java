package dev.brio.store;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * ConfigAdmin settings of the store, PID {@code dev.brio.store} (file {@code
 * etc/dev.brio.store.cfg}).
 */
@ObjectClassDefinition(name = "Brio store", description = "The kernel's SQLite database (brio.db)")
public @interface StoreConfig {

  @AttributeDefinition(
      description =
          "Database file. Empty means <brio.data>/brio.db, where brio.data is a framework"
              + " property (default ./data).")
  String path() default "";

  @AttributeDefinition(
      description =
          "Database file components reach through sql-state; it holds none of the kernel's"
              + " tables. Empty means component-state.db beside the kernel's database file.")
  String componentStatePath() default "";

  @AttributeDefinition(description = "How long a statement waits for a lock, in milliseconds.")
  int busyTimeoutMs() default StoreSettings.DEFAULT_BUSY_TIMEOUT_MS;

  @AttributeDefinition(description = "How long one statement may run, in milliseconds.")
  int statementTimeoutMs() default StoreSettings.DEFAULT_STATEMENT_TIMEOUT_MS;

  @AttributeDefinition(description = "The most rows one statement may return.")
  int rowLimit() default StoreSettings.DEFAULT_ROW_LIMIT;

  @AttributeDefinition(description = "Read-only connections serving queries in parallel.")
  int readers() default StoreSettings.DEFAULT_READERS;
}
