/**
 * The WASI 0.2 host: implementations of WASI interfaces on the component engine's {@link
 * dev.brio.component.link.Linker}. {@link dev.brio.wasi.Wasi#defineFor} defines every supported
 * interface under the exact versioned names a component imports.
 */
@Export
@Version("0.1.0")
package dev.brio.wasi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
