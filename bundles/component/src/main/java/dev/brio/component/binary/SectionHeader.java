package dev.brio.component.binary;

/** Where a section of a component sits: its id, the offset of its contents and their size. */
public record SectionHeader(int id, int offset, int size) {}
