package dev.brio.component.binary;

/**
 * The 8-byte preamble: magic {@code \0asm}, then a version and a layer. Core modules have version 1
 * and layer 0; components (Binary.md, "Component Definitions") version 0x0d and layer 1.
 */
final class Preamble {
  private Preamble() {}

  static final int COMPONENT_VERSION = 0x0d;

  private static int readHeader(ByteReader r, String expected) throws ComponentFormatException {
    int at = r.position();
    if (r.remaining() < 8) {
      throw r.error(
          "unexpected end: expected the 8-byte preamble of "
              + expected
              + ", "
              + r.remaining()
              + " bytes left");
    }
    int m0 = r.u8("magic");
    int m1 = r.u8("magic");
    int m2 = r.u8("magic");
    int m3 = r.u8("magic");
    if (m0 != 0x00 || m1 != 0x61 || m2 != 0x73 || m3 != 0x6d) {
      throw r.errorAt(
          at,
          String.format(
              "expected the magic \\0asm (00 61 73 6d), found %02x %02x %02x %02x",
              m0, m1, m2, m3));
    }
    int version = r.u8("version") | r.u8("version") << 8;
    int layer = r.u8("layer") | r.u8("layer") << 8;
    return layer << 16 | version;
  }

  static void expectComponent(ByteReader r) throws ComponentFormatException {
    int at = r.position();
    int header = readHeader(r, "a component");
    int version = header & 0xffff;
    int layer = header >>> 16;
    if (layer == 0) {
      throw r.errorAt(
          at + 4,
          "expected a component (layer 1), found a core WebAssembly module (layer 0, version "
              + version
              + ")");
    }
    if (layer != 1) {
      throw r.errorAt(at + 6, "expected layer 1 (a component), found layer " + layer);
    }
    if (version != COMPONENT_VERSION) {
      throw r.errorAt(
          at + 4,
          "expected component binary version 0x0d, found 0x" + Integer.toHexString(version));
    }
  }

  static void expectCoreModule(ByteReader r) throws ComponentFormatException {
    int at = r.position();
    int header = readHeader(r, "a core module");
    if (header >>> 16 == 1) {
      throw r.errorAt(at + 4, "expected a core module (layer 0), found a component (layer 1)");
    }
    if (header != 1) {
      throw r.errorAt(
          at + 4, "expected core module version 1, found 0x" + Integer.toHexString(header));
    }
  }
}
