/**
 * Component values: one sealed {@link dev.brio.component.values.Value} hierarchy with a record per
 * value type, and WAVE, wasmtime's text syntax for them ({@link dev.brio.component.values.Wave}),
 * including function-call text ({@link dev.brio.component.values.WaveCall}).
 */
@Export
@Version("0.1.0")
package dev.brio.component.values;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
