package dev.brio.wasi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.brio.component.binary.Component;
import dev.brio.component.binary.ComponentParser;
import dev.brio.component.link.ComponentInstance;
import dev.brio.component.link.Linker;
import dev.brio.component.values.BoolValue;
import dev.brio.component.values.ListValue;
import dev.brio.component.values.ResultValue;
import dev.brio.component.values.S64Value;
import dev.brio.component.values.StringValue;
import dev.brio.component.values.TupleValue;
import dev.brio.component.values.U32Value;
import dev.brio.component.values.Value;
import dev.brio.wasi.Wasi;
import dev.brio.wasi.WasiConfig;
import dev.brio.wasi.io.ByteLists;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The http-probe component (components/fixtures/core/http-probe.wat) instantiated with Brio's WASI
 * host: each method is one export, handles pass as plain numbers. Answers of 0x10000 + n carry the
 * case index n of the WIT variant that came back as an error.
 */
final class HttpProbe {
  /** Added to a variant's case index in the probe's error answers. */
  static final long ERROR = 0x10000;

  private static Component component;
  final ComponentInstance instance;

  /** The instance's WASI host: closing it is discarding the instance. */
  final Wasi wasi;

  HttpProbe(WasiConfig.Builder config) throws Exception {
    Linker linker = new Linker();
    Component c = component();
    wasi = new Wasi(config.build());
    wasi.defineFor(c, linker);
    instance = linker.instantiate(c);
  }

  static synchronized Component component() throws Exception {
    if (component == null) {
      component = parse("http-probe");
    }
    return component;
  }

  static Component parse(String name) throws Exception {
    Path file = Path.of(System.getProperty("brio.fixtures", "target/fixtures"), name + ".wasm");
    return ComponentParser.parse(Files.readAllBytes(file));
  }

  private long u32(String name, Value... args) {
    return ((U32Value) instance.call(name, args).orElseThrow()).value();
  }

  private static U32Value n(long v) {
    return new U32Value(v);
  }

  private static StringValue s(String v) {
    return new StringValue(v);
  }

  long fieldsNew() {
    return u32("fields-new");
  }

  long append(long fields, String name, byte[] value) {
    return u32("fields-append", n(fields), s(name), ByteLists.toList(value));
  }

  long set(long fields, String name, byte[] value) {
    return u32("fields-set", n(fields), s(name), ByteLists.toList(value));
  }

  long fromList(String name, byte[] value) {
    return u32("fields-from-list", s(name), ByteLists.toList(value));
  }

  String get(long fields, String name) {
    return new String(
        ByteLists.toBytes(instance.call("fields-get", n(fields), s(name)).orElseThrow()),
        StandardCharsets.ISO_8859_1);
  }

  long request(long fields, String authority, String path, boolean post) {
    return u32("request-new", n(fields), s(authority), s(path), new BoolValue(post));
  }

  long body(long request) {
    return u32("request-body", n(request));
  }

  long bodyWrite(long body) {
    return u32("body-write", n(body));
  }

  long finish(long body) {
    return u32("body-finish", n(body));
  }

  long handle(long request, long firstByteMs, long betweenBytesMs) {
    return u32("handle", n(request), n(firstByteMs), n(betweenBytesMs));
  }

  long awaitResponse(long future) {
    return u32("await-response", n(future));
  }

  long status(long response) {
    return u32("response-status", n(response));
  }

  /** The incoming-body and its stream. */
  long[] responseStream(long response) {
    List<Value> pair =
        ((TupleValue) instance.call("response-stream", n(response)).orElseThrow()).elements();
    return new long[] {((U32Value) pair.get(0)).value(), ((U32Value) pair.get(1)).value()};
  }

  long checkWrite(long stream) {
    return ((S64Value) instance.call("check-write", n(stream)).orElseThrow()).value();
  }

  long write(long stream, byte[] data) {
    return u32("write", n(stream), ByteLists.toList(data));
  }

  boolean writable(long stream) {
    return ((BoolValue) instance.call("writable", n(stream)).orElseThrow()).value();
  }

  void waitWritable(long stream) {
    u32("wait-writable", n(stream));
  }

  /** A blocking read: the bytes, or the probe's error number. */
  sealed interface Read {
    record Bytes(byte[] bytes) implements Read {}

    record Error(long code) implements Read {}
  }

  Read read(long stream, int max) {
    ResultValue r = (ResultValue) instance.call("read", n(stream), n(max)).orElseThrow();
    Value payload = r.payload().orElseThrow();
    return r.isOk()
        ? new Read.Bytes(ByteLists.toBytes((ListValue) payload))
        : new Read.Error(((U32Value) payload).value());
  }

  /** Reads the stream to its end; fails on any error but closed. */
  byte[] readAll(long stream) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      switch (read(stream, 65536)) {
        case Read.Bytes(byte[] b) -> out.writeBytes(b);
        case Read.Error(long code) -> {
          assertEquals(1, code, "the body ends closed");
          return out.toByteArray();
        }
      }
    }
  }

  void drop(String kind, long handle) {
    instance.call("drop-" + kind, n(handle));
  }
}
