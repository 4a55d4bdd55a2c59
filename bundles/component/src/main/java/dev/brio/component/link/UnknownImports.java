package dev.brio.component.link;

import dev.brio.component.abi.Trap;
import dev.brio.component.binary.Component;
import dev.brio.component.binary.Definition;
import dev.brio.component.types.DefinedType;
import dev.brio.component.types.ExternType;
import dev.brio.component.types.FuncType;
import dev.brio.component.types.InstanceType;
import dev.brio.component.types.NamedExtern;
import dev.brio.component.types.ResourceType;

/**
 * Fills a linker's gaps for one component: every imported function it does not define traps when
 * called, naming itself; every imported resource type it does not define becomes a host resource no
 * function can make. For components whose imports are there for paths a caller does not take (a
 * QuickJS tool imports WASI files and clocks it never touches in a pure computation), as wasmtime's
 * {@code define_unknown_imports_as_traps}.
 */
final class UnknownImports {
  private UnknownImports() {}

  static void defineAsTraps(Linker linker, Component component) {
    for (Definition d : component.definitions()) {
      if (!(d instanceof Definition.Import i)) {
        continue;
      }
      String name = i.name().text();
      switch (i.type()) {
        case ExternType.Instance(InstanceType it) -> {
          for (NamedExtern e : it.exportList()) {
            define(linker, name, e.name().text(), e.type());
          }
        }
        default -> define(linker, "", name, i.type());
      }
    }
  }

  private static void define(Linker linker, String iface, String member, ExternType type) {
    switch (type) {
      case ExternType.Func(FuncType ft) when linker.function(iface, member).isEmpty() -> {
        String full = iface.isEmpty() ? member : iface + "#" + member;
        linker.define(
            iface,
            member,
            ft,
            args -> {
              throw new Trap("called " + full + ", an import the host does not provide");
            });
      }
      case ExternType.Type(DefinedType t)
          when t instanceof ResourceType rt
              && rt.isFresh()
              && linker.resource(iface, member).isEmpty() ->
          linker.defineResource(iface, member, rep -> {});
      default -> {}
    }
  }
}
