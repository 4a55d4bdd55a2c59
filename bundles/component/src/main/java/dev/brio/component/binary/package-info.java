/**
 * The component binary format: a parser that validates as it reads (index spaces, sorts, types,
 * names) and the parsed structure it returns. Invalid input always ends in a {@link
 * dev.brio.component.binary.ComponentFormatException} naming the byte offset.
 */
@Export
@Version("0.1.0")
package dev.brio.component.binary;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
