package dev.brio.component.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.brio.component.types.ComponentType;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResourceType;
import dev.brio.component.types.ValueType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The external-visibility rule's valid side (visible-names.wat, which wasm-tools validates too);
 * its invalid side is in {@link InvalidFixtureTest}.
 */
class ExternalNamesTest {
  private static ValueType result(ComponentType c, String export) {
    var f = (ExternType.Func) c.exportNamed(export).orElseThrow().type();
    FuncType type = f.type();
    return type.result().orElseThrow();
  }

  private static Object exportedType(ComponentType c, String export) {
    return ((ExternType.Type) c.exportNamed(export).orElseThrow().type()).type();
  }

  @Test
  void exportsUseTheNamesTheirTypeExportsIntroduced() throws Exception {
    ComponentType c = Fixtures.parse("visible-names").type();
    // the resource keeps its identity through the export and the ascription
    var thing = (ResourceType) exportedType(c, "thing");
    assertSame(thing, ((OwnType) result(c, "make")).resource());
    // a record export is a new name: the ascribed result is that name, equal to the definition
    var size = (RecordType) exportedType(c, "size");
    assertSame(size, result(c, "measure"));
    assertSame(size, result(c, "flip"));
    var point = (RecordType) ((ExternType.Type) c.importNamed("point").orElseThrow().type()).type();
    var flip = ((ExternType.Func) c.exportNamed("flip").orElseThrow().type()).type();
    assertSame(point, flip.params().getFirst().type());
    assertEquals(List.of("w", "h"), size.fields().stream().map(RecordType.Field::name).toList());
    assertNotSame(point, size);
  }

  @Test
  void declaratorsUseTheNamesTheirImportsAndExportsIntroduced() throws Exception {
    ComponentType c = Fixtures.parse("visible-names-declarators").type();
    var shape = ((ExternType.Component) c.importNamed("shape").orElseThrow().type()).type();
    // a record exported by a component type is a new name, which its later exports use
    var rec = (RecordType) exportedType(shape, "rec");
    assertSame(rec, result(shape, "k"));
    var r2 = (ResourceType) exportedType(shape, "r2");
    assertSame(r2, ((OwnType) result(shape, "g")).resource());
    assertSame(r2, ((OwnType) result(shape, "h")).resource());
    // an instance type's export names the enum its function uses
    var colors = ((ExternType.Instance) c.importNamed("colors").orElseThrow().type()).type();
    var color = ((ExternType.Type) colors.exportNamed("color").orElseThrow().type()).type();
    var pick = ((ExternType.Func) colors.exportNamed("pick").orElseThrow().type()).type();
    assertSame(color, pick.params().getFirst().type());
  }
}
