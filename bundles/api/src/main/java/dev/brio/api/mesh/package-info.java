/**
 * The service mesh: the Java side of {@code brio:core/service-mesh} and {@code brio:core/handler}
 * in {@code wit/}. A {@link dev.brio.api.mesh.Mesh} routes {@code call(target, method, payload)} to
 * a {@link dev.brio.api.mesh.MeshTarget}: a Java service or a Wasm component instance.
 */
@Export
@Version("0.2.0")
package dev.brio.api.mesh;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
