package dev.brio.component.binary;

import dev.brio.component.types.CoreModuleType;
import dev.brio.component.types.CoreType;
import dev.brio.component.types.DefinedType;
import dev.brio.component.types.ExternName;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.ResourceType;
import java.util.List;

/**
 * One definition of a component, in binary order. Each carries the index it received in its sort's
 * index space ({@code index}), so a later instantiation can replay the definitions in order.
 */
public sealed interface Definition {

  /** A core module; its bytes are a slice of the input, handed unparsed to the core runtime. */
  record CoreModule(int index, ByteSlice bytes, CoreModuleType type) implements Definition {}

  /** {@code (core instance (instantiate m (with name (instance i))*))}. */
  record CoreInstantiate(int index, int module, List<CoreInstantiateArg> args)
      implements Definition {
    public CoreInstantiate {
      args = List.copyOf(args);
    }
  }

  /** One {@code with} argument of a core instantiation. */
  record CoreInstantiateArg(String name, int instance) {}

  /** A core instance made of exports of existing core definitions. */
  record CoreInlineInstance(int index, List<CoreInlineExport> exports) implements Definition {
    public CoreInlineInstance {
      exports = List.copyOf(exports);
    }
  }

  /** One export of a core inline instance. */
  record CoreInlineExport(String name, Sort sort, int index) {}

  /** A core type definition. */
  record CoreTypeDefinition(int index, CoreType type) implements Definition {}

  /** A nested component. */
  record NestedComponent(int index, Component component) implements Definition {}

  /**
   * {@code (instance (instantiate c (with name sortidx)*))}; {@code type} is the new instance's
   * type, in which each resource type the component defines or exports abstractly is a type of this
   * instantiation alone.
   */
  record Instantiate(int index, int component, List<InstantiateArg> args, InstanceType type)
      implements Definition {
    public Instantiate {
      args = List.copyOf(args);
    }
  }

  /** One {@code with} argument of a component instantiation. */
  record InstantiateArg(String name, Sort sort, int index) {}

  /** An instance made of exports of existing definitions. */
  record InlineInstance(int index, List<InlineExport> exports) implements Definition {
    public InlineInstance {
      exports = List.copyOf(exports);
    }
  }

  /** One export of an inline instance. */
  record InlineExport(ExternName name, Sort sort, int index) {}

  /** {@code (alias export i "name" (sort))}. */
  record ExportAlias(Sort sort, int instance, String name, int index) implements Definition {}

  /** {@code (alias core export i "name" (core sort))}. */
  record CoreExportAlias(Sort sort, int coreInstance, String name, int index)
      implements Definition {}

  /** {@code (alias outer count idx (sort))}. */
  record OuterAlias(Sort sort, int count, int outerIndex, int index) implements Definition {}

  /** A type definition. */
  record TypeDefinition(int index, DefinedType type) implements Definition {}

  /** {@code (canon lift coreFunc opts type)}: defines component function {@code index}. */
  record CanonLift(int index, int coreFunc, CanonOptions options, int typeIndex, FuncType type)
      implements Definition {}

  /** {@code (canon lower func opts)}: defines core function {@code index}. */
  record CanonLower(int index, int func, CanonOptions options) implements Definition {}

  /** {@code (canon resource.new rt)}: defines core function {@code index}. */
  record ResourceNew(int index, int typeIndex, ResourceType resource) implements Definition {}

  /** {@code (canon resource.drop rt)}: defines core function {@code index}. */
  record ResourceDrop(int index, int typeIndex, ResourceType resource) implements Definition {}

  /** {@code (canon resource.rep rt)}: defines core function {@code index}. */
  record ResourceRep(int index, int typeIndex, ResourceType resource) implements Definition {}

  /** An import; {@code index} is its index in the space of its type's sort. */
  record Import(ExternName name, ExternType type, int index) implements Definition {}

  /**
   * An export of {@code (sort source)}; {@code type} is the export's type (the ascribed one when
   * given); {@code index} is the new index the export introduces in that sort's space.
   */
  record Export(ExternName name, Sort sort, int source, ExternType type, int index)
      implements Definition {}
}
