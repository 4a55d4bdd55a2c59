/**
 * Linking and instantiation: a {@link dev.brio.component.link.Linker} with host functions per
 * interface, instantiation of a parsed component on Chicory core instances, and calls to its
 * exports with {@link dev.brio.component.values.Value}s.
 */
@Export
@Version("0.1.0")
package dev.brio.component.link;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
