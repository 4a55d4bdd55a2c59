package dev.brio.component.abi;

/** Reads a call's flat core values in order ({@code CoreValueIter} of CanonicalABI.md). */
final class FlatReader {
  private final long[] values;
  private int next;

  FlatReader(long[] values, int start) {
    this.values = values;
    this.next = start;
  }

  long next() {
    if (next >= values.length) {
      throw new IllegalStateException("too few core values");
    }
    return values[next++];
  }

  /** The next value as an unsigned i32 (pointers, lengths, discriminants). */
  long nextU32() {
    return Integer.toUnsignedLong((int) next());
  }

  void skipTo(int position) {
    next = position;
  }

  int position() {
    return next;
  }
}
