/**
 * What the component extender has made of the Wasm components in the watched folder: which are
 * deployed, and which were refused and why, for the kernel's status.
 */
@Export
@Version("0.1.0")
package dev.brio.api.deploy;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
