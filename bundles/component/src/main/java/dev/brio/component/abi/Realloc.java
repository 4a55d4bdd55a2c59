package dev.brio.component.abi;

/** The guest's {@code realloc(originalPtr, originalSize, alignment, newSize) -> ptr}. */
@FunctionalInterface
public interface Realloc {
  int realloc(int originalPtr, int originalSize, int alignment, int newSize);
}
