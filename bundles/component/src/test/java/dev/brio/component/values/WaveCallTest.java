package dev.brio.component.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.brio.component.types.FuncType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.PrimitiveType;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaveCallTest {
  private static final FuncType UPPER =
      new FuncType(
          List.of(new FuncType.Param("s", PrimitiveType.STRING)),
          Optional.of(PrimitiveType.STRING));
  private static final FuncType INVOKE =
      new FuncType(
          List.of(
              new FuncType.Param("method", PrimitiveType.STRING),
              new FuncType.Param("limit", PrimitiveType.U32),
              new FuncType.Param("a", new OptionType(PrimitiveType.U8)),
              new FuncType.Param("b", new OptionType(PrimitiveType.U8))),
          Optional.empty());
  private static final Map<String, FuncType> FUNCTIONS =
      Map.of(
          "upper",
          UPPER,
          "brio:core/tool@0.1.0#invoke",
          INVOKE,
          "nothing",
          new FuncType(List.of(), Optional.empty()));

  private static WaveCall parse(String text) throws WaveException {
    return WaveCall.parse(text, name -> Optional.ofNullable(FUNCTIONS.get(name)));
  }

  @Test
  void plainFunction() throws Exception {
    WaveCall call = parse("upper(\"hi\")");
    assertEquals(Optional.empty(), call.instance());
    assertEquals("upper", call.function());
    assertEquals(List.of(new StringValue("hi")), call.args());
    assertEquals(UPPER, call.type());
    assertEquals(List.of(), parse("  nothing( )  ").args());
  }

  @Test
  void functionInAnExportedInstanceWithTrailingOptionsLeftOut() throws Exception {
    WaveCall call = parse("brio:core/tool@0.1.0#invoke(\"m\", 3, some(1))");
    assertEquals(Optional.of("brio:core/tool@0.1.0"), call.instance());
    assertEquals("invoke", call.function());
    assertEquals("brio:core/tool@0.1.0#invoke", call.target());
    assertEquals(
        List.of(
            new StringValue("m"),
            new U32Value(3),
            OptionValue.some(new U8Value(1)),
            OptionValue.none()),
        call.args());
  }

  private static WaveException error(String text) {
    return assertThrows(WaveException.class, () -> parse(text));
  }

  @Test
  void errors() {
    assertEquals("at 1:1: no function named 'lower'", error("lower(\"x\")").getMessage());
    assertEquals("at 1:7: expected a string, found '1'", error("upper(1)").getMessage());
    assertEquals(
        "at 1:12: expected ')': upper takes 1 arguments, found '\"b\"'",
        error("upper(\"a\", \"b\")").getMessage());
    assertEquals(
        "at 1:32: missing argument 'limit': brio:core/tool@0.1.0#invoke takes 4",
        error("brio:core/tool@0.1.0#invoke(\"m\")").getMessage());
    assertEquals("at 1:6: expected '(' after the function name", error("upper").getMessage());
    assertEquals(
        "at 1:12: expected the end of the call, found 'x'", error("upper(\"a\") x").getMessage());
  }
}
