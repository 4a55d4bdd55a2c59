package dev.brio.wasi.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.brio.component.link.Linker;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.VariantType;
import dev.brio.wasi.io.IoHost;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The specification table the link-time check compares imports with. */
class HttpSignaturesTest {
  @Test
  void everyImplementedFunctionHasItsSpecifiedType() {
    IoHost io = IoHost.define(new Linker(), "0.2.3");
    assertEquals(
        new TreeSet<>(new HttpTypes(io, Map.of()).functions().keySet()),
        new TreeSet<>(HttpSignatures.TYPES_FUNCTIONS.keySet()));
    InstanceType none = InstanceType.of(List.of());
    HttpSignatures.TYPES_FUNCTIONS.values().forEach(s -> HttpSignatures.funcType(s, none));
  }

  @Test
  void handleReadsAsTheSpecificationWritesIt() {
    FuncType handle =
        HttpSignatures.funcType(
            HttpSignatures.OUTGOING_HANDLER_FUNCTIONS.get("handle"), InstanceType.of(List.of()));
    assertEquals(
        List.of("request", "options"), handle.params().stream().map(p -> p.name()).toList());
    assertEquals("outgoing-request", ((OwnType) handle.params().get(0).type()).resource().hint());
    ResultType result = assertInstanceOf(ResultType.class, handle.result().orElseThrow());
    VariantType errorCode = assertInstanceOf(VariantType.class, result.error().orElseThrow());
    assertEquals(39, errorCode.cases().size());
    assertEquals(9, errorCode.indexOf("connection-read-timeout"));
    assertEquals(33, errorCode.indexOf("HTTP-response-timeout"));
    assertEquals(38, errorCode.indexOf("internal-error"));
  }
}
