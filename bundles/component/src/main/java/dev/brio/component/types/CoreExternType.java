package dev.brio.component.types;

import java.util.Objects;
import java.util.Optional;

/** What a core import or export is. */
public sealed interface CoreExternType {
  /** The core sort's name, for messages. */
  String sortName();

  /**
   * A function; its type is empty where the component layer does not compute it (a function made by
   * {@code canon lower} has the flattened type of the lowered function).
   */
  record Func(Optional<CoreFuncType> type) implements CoreExternType {
    public Func {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public String sortName() {
      return "func";
    }
  }

  /** A table. */
  record Table() implements CoreExternType {
    @Override
    public String sortName() {
      return "table";
    }
  }

  /** A memory. */
  record Memory() implements CoreExternType {
    @Override
    public String sortName() {
      return "memory";
    }
  }

  /** A global. */
  record Global() implements CoreExternType {
    @Override
    public String sortName() {
      return "global";
    }
  }

  /** An exception tag. */
  record Tag() implements CoreExternType {
    @Override
    public String sortName() {
      return "tag";
    }
  }
}
