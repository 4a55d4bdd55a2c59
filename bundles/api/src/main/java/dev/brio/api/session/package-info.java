/**
 * Workspace sessions: the Java side of {@code brio:core/session-fs} in {@code wit/session.wit}. An
 * agent works in a copy of a project and commits it back atomically.
 */
@Export
@Version("0.1.0")
package dev.brio.api.session;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
