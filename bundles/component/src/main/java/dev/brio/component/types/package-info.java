/**
 * The component model's type system as the binary parser resolves it: value types, function types,
 * resource types, instance and component types, import/export names with their versions, and a
 * printer of a component's world in WIT syntax.
 */
@Export
@Version("0.1.0")
package dev.brio.component.types;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
