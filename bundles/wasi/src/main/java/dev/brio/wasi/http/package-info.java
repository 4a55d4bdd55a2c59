/**
 * {@code wasi:http} 0.2, the client side: {@code types} and {@code outgoing-handler} over {@link
 * java.net.http.HttpClient}. Outgoing requests are denied unless their host was granted ({@link
 * dev.brio.wasi.WasiConfig#httpHosts()}); the denial happens before any connection is made. The
 * server-side resources are defined so that components importing them link, and trap when used.
 * {@link dev.brio.wasi.http.WasiHttp} defines the interfaces on a component {@code Linker}, each
 * function with the type the specification gives it, so a component importing one with another type
 * is refused when linked.
 *
 * <p>Request bodies stream: {@code handle} starts the exchange (it may come before the body is
 * written), and the bytes go through a bounded pipe with backpressure. Field names must be HTTP
 * tokens and values free of control bytes other than HTAB, refused with {@code invalid-syntax} when
 * set. The {@code request-options} timeouts are enforced (first-byte from the moment the request is
 * out, between-bytes on every wait for response body bytes, answered {@code
 * connection-read-timeout}). java.net.http has no trailers: a request with trailers fails at {@code
 * finish}, and a response's trailers are always none.
 */
@Export
@Version("0.1.0")
package dev.brio.wasi.http;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
