package dev.brio.component.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.brio.component.types.BorrowType;
import dev.brio.component.types.ComponentType;
import dev.brio.component.types.EnumType;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FlagsType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.ListType;
import dev.brio.component.types.OptionType;
import dev.brio.component.types.OwnType;
import dev.brio.component.types.PrimitiveType;
import dev.brio.component.types.RecordType;
import dev.brio.component.types.ResourceType;
import dev.brio.component.types.ResultType;
import dev.brio.component.types.SemVer;
import dev.brio.component.types.TupleType;
import dev.brio.component.types.VariantType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Parses every fixture built from components/fixtures/wat and checks what the parser found. */
class FixtureParseTest {

  private static FuncType func(InstanceType it, String name) {
    return ((ExternType.Func) it.exportNamed(name).orElseThrow().type()).type();
  }

  private static InstanceType instance(ComponentType ct, String export) {
    return ((ExternType.Instance) ct.exportNamed(export).orElseThrow().type()).type();
  }

  @Test
  void everyFixtureParses() throws Exception {
    List<String> all = Fixtures.all();
    assertTrue(all.containsAll(Fixtures.NAMES), "fixtures built: " + all);
    for (String name : all) {
      Component c = Fixtures.parse(name);
      assertFalse(c.definitions().isEmpty(), name);
    }
  }

  @Test
  void upper() throws Exception {
    byte[] bytes = Fixtures.bytes("upper");
    Component c = ComponentParser.parse(bytes);

    assertEquals(1, c.sectionCount(1), "core module sections");
    assertEquals(1, c.sectionCount(2), "core instance sections");
    assertEquals(1, c.sectionCount(8), "canon sections");
    assertEquals(List.of(), c.type().importList());
    assertEquals(List.of("upper"), List.copyOf(c.type().exports().keySet()));

    FuncType upper = ((ExternType.Func) c.type().exportNamed("upper").orElseThrow().type()).type();
    assertEquals(
        new FuncType(
            List.of(new FuncType.Param("s", PrimitiveType.STRING)),
            Optional.of(PrimitiveType.STRING)),
        upper);

    var module = c.definitions(Definition.CoreModule.class).getFirst();
    // the module is a slice of the input, not a copy
    assertSame(bytes, module.bytes().source());
    assertEquals(
        List.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00),
        java.util.stream.IntStream.range(0, 8)
            .map(i -> bytes[module.bytes().offset() + i] & 0xff)
            .boxed()
            .toList());
    assertEquals(
        List.of("memory", "cabi_realloc", "upper", "cabi_post_upper"),
        List.copyOf(module.type().exports().keySet()));

    var lift = c.definitions(Definition.CanonLift.class).getFirst();
    assertEquals(StringEncoding.UTF8, lift.options().stringEncoding());
    assertTrue(lift.options().memory().isPresent());
    assertTrue(lift.options().realloc().isPresent());
    assertTrue(lift.options().postReturn().isPresent());
    assertEquals(upper, lift.type());
  }

  @Test
  void typesCoverEveryDefinedValueType() throws Exception {
    Component c = Fixtures.parse("types");
    InstanceType shapes = instance(c.type(), "brio:fixtures/shapes@0.1.0");
    var name =
        (ExternName.Interface)
            c.type().exportNamed("brio:fixtures/shapes@0.1.0").orElseThrow().name();
    assertEquals("brio", name.namespace());
    assertEquals("fixtures", name.pkg());
    assertEquals("shapes", name.iface());
    assertEquals(Optional.of(SemVer.parse("0.1.0")), name.version());

    var point =
        (RecordType) ((ExternType.Type) shapes.exportNamed("point").orElseThrow().type()).type();
    assertEquals(
        List.of(
            new RecordType.Field("x", PrimitiveType.S32),
            new RecordType.Field("y", PrimitiveType.S32)),
        point.fields());

    FuncType area = func(shapes, "area");
    var shape = (VariantType) area.params().getFirst().type();
    assertEquals(
        List.of("circle", "rect", "empty"),
        shape.cases().stream().map(VariantType.Case::name).toList());
    assertSame(point, shape.cases().get(1).payload().orElseThrow());
    assertEquals(Optional.empty(), shape.cases().get(2).payload());

    FuncType check = func(shapes, "check");
    assertEquals(32, ((FlagsType) check.params().getFirst().type()).names().size());
    assertEquals(
        List.of("red", "green", "blue"), ((EnumType) check.result().orElseThrow()).cases());

    FuncType find = func(shapes, "find");
    assertEquals(new OptionType(PrimitiveType.STRING), find.params().getFirst().type());
    assertEquals(
        new ResultType(Optional.of(PrimitiveType.U32), Optional.of(PrimitiveType.STRING)),
        find.result().orElseThrow());

    FuncType points = func(shapes, "points");
    assertEquals(new ListType(point), points.params().getFirst().type());
    assertEquals(
        new TupleType(List.of(PrimitiveType.U8, PrimitiveType.STRING)),
        points.result().orElseThrow());

    // list of records of variants of options of results
    FuncType nested = func(shapes, "nested");
    var entry = (RecordType) ((ListType) nested.params().getFirst().type()).element();
    var tag = (VariantType) entry.fields().getFirst().type();
    var option = (OptionType) tag.cases().getFirst().payload().orElseThrow();
    assertInstanceOf(ResultType.class, option.payload());

    assertEquals(
        List.of(
            PrimitiveType.BOOL,
            PrimitiveType.S8,
            PrimitiveType.U64,
            PrimitiveType.S64,
            PrimitiveType.F32,
            PrimitiveType.F64,
            PrimitiveType.CHAR),
        func(shapes, "all").params().stream().map(FuncType.Param::type).toList());
    assertEquals(6, c.definitions(Definition.CanonLift.class).size());
  }

  @Test
  void resourcesAndTheirFunctions() throws Exception {
    Component c = Fixtures.parse("resource");
    var defined =
        c.definitions(Definition.TypeDefinition.class).stream()
            .map(Definition.TypeDefinition::type)
            .filter(ResourceType.class::isInstance)
            .map(ResourceType.class::cast)
            .findFirst()
            .orElseThrow();
    assertTrue(defined.isDefined());
    assertTrue(defined.destructor().isPresent());
    assertEquals(1, c.definitions(Definition.ResourceNew.class).size());
    assertEquals(1, c.definitions(Definition.ResourceRep.class).size());
    assertEquals(1, c.definitions(Definition.ResourceDrop.class).size());
    assertSame(defined, c.definitions(Definition.ResourceNew.class).getFirst().resource());

    // The shim component imports an abstract resource; instantiating it with the defined one
    // substitutes it in the types of everything the instance exports.
    InstanceType counters = instance(c.type(), "brio:fixtures/counters@0.1.0");
    assertSame(
        defined, ((ExternType.Type) counters.exportNamed("counter").orElseThrow().type()).type());
    FuncType ctor = func(counters, "[constructor]counter");
    assertEquals(new OwnType(defined), ctor.result().orElseThrow());
    FuncType get = func(counters, "[method]counter.get");
    assertEquals(new FuncType.Param("self", new BorrowType(defined)), get.params().getFirst());
    assertEquals(
        new OwnType(defined), func(counters, "[static]counter.zero").result().orElseThrow());

    var names = counters.exportList().stream().map(e -> e.name()).toList();
    assertInstanceOf(ExternName.Constructor.class, names.get(1));
    assertEquals(new ExternName.Method("counter", "get"), names.get(2));
    assertEquals(new ExternName.Static("counter", "zero"), names.get(3));
    assertEquals(
        new ExternName.Static("counter", "merge"),
        c.type().exportNamed("[static]counter.merge").orElseThrow().name());

    assertEquals(1, c.definitions(Definition.NestedComponent.class).size(), "the shim");
  }

  @Test
  void eachInstantiationHasResourceTypesOfItsOwn() throws Exception {
    Component c = Fixtures.parse("resource-instances");
    var defined =
        (ResourceType)
            c
                .definitions(Definition.NestedComponent.class)
                .getFirst()
                .component()
                .definitions()
                .stream()
                .filter(
                    d ->
                        d instanceof Definition.TypeDefinition t
                            && t.type() instanceof ResourceType)
                .map(d -> ((Definition.TypeDefinition) d).type())
                .findFirst()
                .orElseThrow();
    // a and b instantiate the component defining the type (ua and ub the one importing it)
    var instances = c.definitions(Definition.Instantiate.class);
    assertEquals(4, instances.size());
    var a = exportedResource(instances.get(0));
    var b = exportedResource(instances.get(1));
    assertNotSame(a, b);
    assertNotSame(defined, a);
    assertTrue(a.isFresh() && b.isFresh(), "abstract outside the component that defines them");
    assertEquals("counter", a.hint());
    var aMake = (ExternType.Func) instances.get(0).type().exportNamed("make").orElseThrow().type();
    assertEquals(new OwnType(a), aMake.type().result().orElseThrow());
  }

  private static ResourceType exportedResource(Definition.Instantiate in) {
    return (ResourceType)
        ((ExternType.Type) in.type().exportNamed("counter").orElseThrow().type()).type();
  }

  @Test
  void nestedComponentsAndOuterAliases() throws Exception {
    Component c = Fixtures.parse("nested");
    var nested = c.definitions(Definition.NestedComponent.class);
    assertEquals(2, nested.size());
    Component inner = nested.get(1).component();
    var outer = inner.definitions(Definition.OuterAlias.class);
    assertEquals(
        List.of(Sort.TYPE, Sort.CORE_MODULE, Sort.COMPONENT),
        outer.stream().map(Definition.OuterAlias::sort).toList());
    assertTrue(outer.stream().allMatch(a -> a.count() == 1));
    assertEquals(List.of("f"), List.copyOf(inner.type().imports().keySet()));
    assertEquals(List.of("g", "f-again"), List.copyOf(inner.type().exports().keySet()));
    assertEquals(1, inner.definitions(Definition.Instantiate.class).size());

    assertEquals(1, c.definitions(Definition.Instantiate.class).size());
    assertEquals(1, c.definitions(Definition.InlineInstance.class).size());
    assertEquals(1, c.definitions(Definition.ExportAlias.class).size());
    FuncType unary =
        new FuncType(
            List.of(new FuncType.Param("x", PrimitiveType.U32)), Optional.of(PrimitiveType.U32));
    assertEquals(unary, func(instance(c.type(), "inner"), "g"));
    assertEquals(unary, func(instance(c.type(), "bag"), "h"));
    assertInstanceOf(ExternType.Component.class, c.type().exportNamed("leaf").orElseThrow().type());
  }

  @Test
  void versionedInterfaceImports() throws Exception {
    Component c = Fixtures.parse("versioned");
    var names = c.type().importList().stream().map(e -> e.name()).toList();
    var logging = (ExternName.Interface) names.get(0);
    assertEquals("wasi:logging/logging", logging.unversioned());
    assertTrue(logging.version().orElseThrow().isPreRelease());
    assertTrue(logging.version().orElseThrow().compareTo(SemVer.parse("0.1.0")) < 0);
    var streams = (ExternName.Interface) names.get(2);
    assertEquals("wasi:io@0.2.12", streams.packageId());
    assertEquals("0.2", streams.version().orElseThrow().canonVersion());
    assertEquals(new ExternName.Plain("tick"), names.get(3));

    var errorIface = ((ExternType.Instance) c.type().importList().get(1).type()).type();
    var streamsIface = ((ExternType.Instance) c.type().importList().get(2).type()).type();
    var error = ((ExternType.Type) errorIface.exportNamed("error").orElseThrow().type()).type();
    // the outer alias brings the very same resource into the streams interface
    assertSame(
        error, ((ExternType.Type) streamsIface.exportNamed("error").orElseThrow().type()).type());
    var streamError =
        (VariantType)
            ((ExternType.Type) streamsIface.exportNamed("stream-error").orElseThrow().type())
                .type();
    assertEquals(
        new OwnType((ResourceType) error), streamError.cases().getFirst().payload().orElseThrow());

    assertEquals(2, c.definitions(Definition.CanonLower.class).size());
    assertEquals(2, c.definitions(Definition.CoreModule.class).size());
  }

  @Test
  void componentMadeByTheToolchainFromACoreModuleAndWit() throws Exception {
    Component c = Fixtures.parse("embedded");
    // the main module, the shim that stands in for the lowered import, the fixup that fills the
    // shim's table once the main module's memory exists
    assertEquals(3, c.definitions(Definition.CoreModule.class).size());
    assertEquals(3, c.definitions(Definition.CoreInstantiate.class).size());
    assertEquals(2, c.definitions(Definition.CoreInlineInstance.class).size());
    assertEquals(
        List.of(
            "core func 0",
            "core memory memory",
            "core func greet",
            "core func cabi_realloc",
            "core func cabi_post_greet"),
        c.definitions(Definition.CoreExportAlias.class).stream()
            .map(a -> a.sort() + " " + a.name())
            .toList());
    assertEquals(1, c.definitions(Definition.CanonLower.class).size());
    var host = (ExternName.Interface) c.type().importList().getFirst().name();
    assertEquals("brio:fixtures/host", host.text());
    assertEquals(
        new FuncType(List.of(new FuncType.Param("msg", PrimitiveType.STRING)), Optional.empty()),
        func(((ExternType.Instance) c.type().importList().getFirst().type()).type(), "log"));

    Producers producers = Producers.read(c.customSection("producers").orElseThrow());
    assertTrue(
        producers.field("processed-by").stream().anyMatch(t -> t.name().equals("wit-component")),
        producers.toString());
    assertTrue(c.customSection("component-name").isPresent());
  }
}
