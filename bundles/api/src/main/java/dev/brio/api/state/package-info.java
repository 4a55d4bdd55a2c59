/**
 * Relational state: the Java side of {@code brio:core/sql-state} in {@code wit/state.wit}, plus the
 * kernel's own event log.
 */
@Export
@Version("0.1.0")
package dev.brio.api.state;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
