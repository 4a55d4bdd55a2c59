package dev.brio.component.binary;

/** The sorts of definitions, each with its own index space ({@code sort}/{@code core:sort}). */
public enum Sort {
  CORE_FUNC("core func", true),
  CORE_TABLE("core table", true),
  CORE_MEMORY("core memory", true),
  CORE_GLOBAL("core global", true),
  CORE_TAG("core tag", true),
  CORE_TYPE("core type", true),
  CORE_MODULE("core module", true),
  CORE_INSTANCE("core instance", true),
  FUNC("func", false),
  VALUE("value", false),
  TYPE("type", false),
  COMPONENT("component", false),
  INSTANCE("instance", false);

  private final String text;
  private final boolean core;

  Sort(String text, boolean core) {
    this.text = text;
    this.core = core;
  }

  /** The sort as the text format writes it. */
  public String text() {
    return text;
  }

  /** Whether it is a core sort. */
  public boolean isCore() {
    return core;
  }

  @Override
  public String toString() {
    return text;
  }
}
