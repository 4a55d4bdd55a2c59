/**
 * {@code wasi:io} 0.2: errors, pollables and streams, and the API other WASI interfaces use to hand
 * out streams and pollables: implement {@link dev.brio.wasi.io.HostInputStream} / {@link
 * dev.brio.wasi.io.HostOutputStream} / {@link dev.brio.wasi.io.Pollable} and turn them into guest
 * handles with an {@link dev.brio.wasi.io.IoHost}.
 */
@Export
@Version("0.1.0")
package dev.brio.wasi.io;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
