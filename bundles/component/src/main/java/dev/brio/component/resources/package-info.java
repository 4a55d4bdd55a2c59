/**
 * Resource handles: per-instance handle tables, own and borrow handles, borrow scopes of calls and
 * destructors, as CanonicalABI.md defines them.
 */
@Export
@Version("0.1.0")
package dev.brio.component.resources;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
