/**
 * {@code wasi:http} 0.2, the client side: {@code types} and {@code outgoing-handler} over {@link
 * java.net.http.HttpClient}. Outgoing requests are denied unless their host was granted ({@link
 * dev.brio.wasi.WasiConfig#httpHosts()}); the denial happens before any connection is made. The
 * server-side resources are defined so that components importing them link, and trap when used.
 * {@link dev.brio.wasi.http.WasiHttp} defines the interfaces on a component {@code Linker}.
 */
@Export
@Version("0.1.0")
package dev.brio.wasi.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
