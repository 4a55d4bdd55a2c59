/**
 * {@code wasi:filesystem} 0.2: {@code types} and {@code preopens}, sandboxed by the kernel. A
 * {@link dev.brio.wasi.filesystem.Descriptor} is a real host file descriptor and every guest path
 * is resolved by Linux {@code openat2} with {@code RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS} beneath
 * it, so {@code ..}, absolute paths and symlinks can never lead outside a {@link
 * dev.brio.wasi.filesystem.Preopen}, not even when a path component is swapped mid-call. A {@link
 * dev.brio.wasi.filesystem.WorkspaceRoot} is a preopen whose host directory is bound at run time,
 * reporting every change to a {@link dev.brio.wasi.filesystem.TouchListener}. {@link
 * dev.brio.wasi.filesystem.WasiFilesystem} defines the interfaces on a component {@code Linker}.
 */
@Export
@Version("0.1.0")
package dev.brio.wasi.filesystem;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
