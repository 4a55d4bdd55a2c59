package dev.brio.wasi.filesystem;

/** {@code wasi:filesystem/types.advice}, in WIT case order, with its {@code POSIX_FADV_*}. */
public enum Advice {
  NORMAL(0),
  SEQUENTIAL(2),
  RANDOM(1),
  WILL_NEED(3),
  DONT_NEED(4),
  NO_REUSE(5);

  final int posix;

  Advice(int posix) {
    this.posix = posix;
  }
}
