package dev.brio.component.binary;

import dev.brio.component.types.ComponentType;
import java.util.List;
import java.util.Optional;

/**
 * A parsed and validated component: its definitions in binary order, its custom sections, where
 * each section sits, and its type (imports and exports).
 */
public record Component(
    List<Definition> definitions,
    List<CustomSection> customSections,
    List<SectionHeader> sections,
    ComponentType type) {

  public Component {
    definitions = List.copyOf(definitions);
    customSections = List.copyOf(customSections);
    sections = List.copyOf(sections);
  }

  /** The first custom section with this name (e.g. {@code producers}). */
  public Optional<CustomSection> customSection(String name) {
    return customSections.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** How many sections with this id the component has. */
  public long sectionCount(int id) {
    return sections.stream().filter(s -> s.id() == id).count();
  }

  /** The definitions of one kind, in order. */
  public <D extends Definition> List<D> definitions(Class<D> kind) {
    return definitions.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
