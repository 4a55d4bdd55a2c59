/**
 * The canonical ABI (CanonicalABI.md): memory layout, flattening, lifting and lowering of every
 * value type between Chicory core values, guest memory and {@link
 * dev.brio.component.values.Value}s, string transcoding, and the spec's traps as {@link
 * dev.brio.component.abi.Trap}.
 */
@Export
@Version("0.1.0")
package dev.brio.component.abi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
